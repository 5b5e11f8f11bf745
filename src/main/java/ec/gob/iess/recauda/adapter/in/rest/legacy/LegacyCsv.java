package ec.gob.iess.recauda.adapter.in.rest.legacy;

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
 * ({@link LegacyRow#check}). A body that is not CSV (a quoted field never closed), or with a line longer than
 * {@value #MAX_LINE} characters (no export row comes near it; it bounds the fields one record can hold), is an
 * {@code invalid-csv} 400 naming the row where it broke. Anything else (the body limit's 413, a connection cut)
 * passes through.
 */
final class LegacyCsv implements Iterator<LegacyRow.Raw> {

    /** The longest physical line, in characters. */
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
        Reader reader = new LineLimit(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8),
                1 << 16));
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return new LegacyCsv(CSV.readerFor(String[].class).readValues(reader));
        } catch (IOException e) {
            throw broken(1);
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
        } catch (IOException | RuntimeJsonMappingException e) {
            if (e.getCause() instanceof LineTooLong || e instanceof LineTooLong) {
                throw new InvalidValueException("invalid-csv", "the file has a line longer than " + MAX_LINE
                        + " characters at row " + (row + 1)).atField("body");
            }
            throw broken(row + 1);
        }
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

    /** Counts the characters since the last line feed and refuses a line over {@link #MAX_LINE}. */
    private static final class LineLimit extends FilterReader {
        private int line;

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
            line = c == '\n' ? 0 : line + 1;
            if (line > MAX_LINE) {
                throw new LineTooLong();
            }
        }
    }
}
