package ec.gob.iess.recauda.adapter.in.rest.legacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import ec.gob.iess.recauda.domain.obligation.LegacyRow;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a legacy export (RFC 4180 CSV in UTF-8, with or without a byte order mark; quoted fields may hold commas,
 * quotes and line breaks) record by record with Jackson's CSV parser, as the body arrives: the header first, then an
 * iterator of data rows numbered as a spreadsheet numbers them (the header is row 1; an empty line is a row too, and
 * is skipped). Bytes that are not UTF-8 are read as U+FFFD, for the row that holds them to be rejected
 * ({@link LegacyRow#check}). A body that is not CSV (a quoted field never closed), or with a record longer than
 * {@value #MAX_LINE} characters (line breaks inside quotes included: no export row comes near it, and it bounds what
 * one record holds in memory), is an {@code invalid-csv} 400 naming the row where it broke. Anything else (the body
 * limit's 413, a connection cut) passes through.
 */
final class LegacyCsv implements Iterator<LegacyRow.Raw> {

    /** The longest record, in characters. */
    static final int MAX_LINE = 100_000;
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private final MappingIterator<String[]> records;
    private final List<String> header;
    private int row;
    private String[] ahead;

    private LegacyCsv(MappingIterator<String[]> records) {
        this.records = records;
        String[] first = read();
        this.header = first == null ? List.of() : Arrays.asList(first);
    }

    /** Starts reading {@code body}: reads its header (an empty body has none: an empty header). */
    static LegacyCsv open(InputStream body) {
        BufferedReader text = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        try {
            text.mark(1);
            if (text.read() != '\uFEFF') {
                text.reset();
            }
            return new LegacyCsv(CSV.readerFor(String[].class).readValues(new LineLimit(text)));
        } catch (LineTooLong | JsonProcessingException e) {
            throw broken(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        while (ahead == null) {
            String[] next = read();
            if (next == null) {
                return false;
            }
            if (!(next.length == 1 && next[0].isEmpty())) {
                ahead = next;
            }
        }
        return true;
    }

    @Override
    public LegacyRow.Raw next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String[] fields = ahead;
        ahead = null;
        return new LegacyRow.Raw(row, Arrays.asList(fields));
    }

    /** The next record (numbered in {@code row}), or null at the end. */
    private String[] read() {
        try {
            if (!records.hasNextValue()) {
                return null;
            }
            String[] record = records.nextValue();
            row++;
            return record;
        } catch (LineTooLong e) {
            throw tooLong(row + 1);
        } catch (JsonProcessingException | RuntimeJsonMappingException e) {
            // Jackson may wrap what the reader threw.
            throw e.getCause() instanceof LineTooLong ? tooLong(row + 1) : broken(row + 1);
        } catch (IOException e) {
            // Not the file's fault: the connection was cut, or the body limit reached (its 413 is unchecked).
            throw new UncheckedIOException(e);
        }
    }

    private static InvalidValueException tooLong(int row) {
        return new InvalidValueException("invalid-csv", "the file has a record longer than " + MAX_LINE
                + " characters at row " + row).atField("body");
    }

    private static InvalidValueException broken(int row) {
        return new InvalidValueException("invalid-csv", "the file is not valid CSV at row " + row + " (a quoted"
                + " field not closed, or a quote inside a field that is not quoted)").atField("body");
    }

    /** A line over {@link #MAX_LINE} characters. */
    private static final class LineTooLong extends IOException {
        LineTooLong() {
            super("line too long", null);
        }
    }

    /**
     * Counts the characters of the record being read, line breaks inside quotes included (a quote flips in and out
     * of a quoted field; a doubled quote flips twice), and refuses a record over {@link #MAX_LINE}.
     */
    private static final class LineLimit extends FilterReader {
        private int line;
        private boolean quoted;

        LineLimit(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                count(buffer[offset + i]);
            }
            return n;
        }

        private void count(char c) throws LineTooLong {
            if (c == '"') {
                quoted = !quoted;
            }
            line = !quoted && (c == '\n' || c == '\r') ? 0 : line + 1;
            if (line > MAX_LINE) {
                throw new LineTooLong();
            }
        }
    }
}
