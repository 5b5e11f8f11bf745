package ec.gob.iess.recauda.adapter.out.notifier;

import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The logging notifier: one line per notification, with its id and type, never the debtor or an amount. */
class LoggingNotifierTest {

    @Test
    void a_notification_is_delivered_as_one_line_without_personal_data() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String line = String.valueOf(r.getMessage());
                if (r.getParameters() != null) {
                    line = String.format(line.replace("{0}", "%s"), r.getParameters());
                }
                lines.add(line);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        Notification n = Notification.of(Notification.Type.CHARGE_APPROVED, DebtorId.parse("1790012344001"),
                UUID.randomUUID(), Map.of("debtorId", "1790012344001", "amount", "123.45"),
                Instant.parse("2026-12-05T12:00:00Z"));
        try {
            assertThat(new LoggingNotifier().deliver(n, Optional.empty())).isNull();
        } finally {
            root.removeHandler(capture);
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(n.id().toString()).contains("card.charge.approved"));
        assertThat(lines).noneMatch(l -> l.contains("1790012344001") || l.contains("123.45"));
    }
}
