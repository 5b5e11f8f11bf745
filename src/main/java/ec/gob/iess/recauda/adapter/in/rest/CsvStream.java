package ec.gob.iess.recauda.adapter.in.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.Function;

/** Writes CSV answers (RFC 4180, by Jackson's CSV writer) row by row as their items are read. */
public final class CsvStream {

    private static final CsvMapper MAPPER = new CsvMapper();

    private CsvStream() {
    }

    /**
     * Writes the header of {@code schema} and then one line per item {@code items} hands over, as it comes: the
     * writer holds one line at a time and passes its buffer on to {@code out} whenever it fills. It is flushed only
     * when every item was written: when reading them fails half-way, the exception leaves {@code out} as it is, and
     * the server breaks the connection instead of ending the answer ({@link StreamedAnswer}), so that a cut file is
     * never taken for a whole one.
     */
    public static <T> void write(CsvSchema schema, Consumer<Consumer<T>> items, Function<T, ?> row, OutputStream out)
            throws IOException {
        SequenceWriter lines = MAPPER.writer(schema).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out);
        try {
            items.accept(item -> {
                try {
                    lines.write(row.apply(item));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        lines.close();
    }
}
