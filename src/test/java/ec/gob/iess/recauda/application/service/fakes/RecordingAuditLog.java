package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.out.AuditLog;

import java.util.ArrayList;
import java.util.List;

/** The audit trail as a list, in the order the entries were written. */
public final class RecordingAuditLog implements AuditLog {

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public void record(Entry entry) {
        entries.add(entry);
    }

    @Override
    public void recordAll(List<Entry> entries) {
        this.entries.addAll(entries);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The only entry written; fails when there is none or more than one. */
    public Entry single() {
        if (entries.size() != 1) {
            throw new AssertionError("expected exactly one audit entry, found " + entries.size() + ": " + entries);
        }
        return entries.get(0);
    }
}
