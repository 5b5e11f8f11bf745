package ec.gob.iess.recauda.adapter.in.rest.legacy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import ec.gob.iess.recauda.domain.obligation.LegacyRow;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.io.BufferedReader;
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
 * iterator of data rows numbered as a spreadsheet numbers them (the header is row 1). Bytes that are not UTF-8 are
 * read as U+FFFD, for the row that holds them to be rejected ({@link LegacyRow#check}); a body that is not CSV (a
 * quoted field never closed) is an {@code invalid-csv} 400 naming the row where it broke.
 */
final class LegacyCsv implements Iterator<LegacyRow.Raw> {

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    private final MappingIterator<String[]> records;
    private final List<String> header;
    private int row = 1;

    private LegacyCsv(MappingIterator<String[]> records, List<String> header) {
        this.records = records;
        this.header = header;
    }

    /** Starts reading {@code body}: reads its header (an empty body has none: an empty header). */
    static LegacyCsv open(InputStream body) {
        Reader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            MappingIterator<String[]> records = CSV.readerFor(String[].class).readValues(reader);
            LegacyCsv csv = new LegacyCsv(records, List.of());
            List<String> header = csv.hasNext() ? Arrays.asList(csv.nextRecord()) : List.of();
            return new LegacyCsv(records, header);
        } catch (IOException e) {
            throw broken(1, e);
        }
    }

    List<String> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNextValue();
        } catch (IOException | RuntimeException e) {
            throw broken(row + 1, e);
        }
    }

    @Override
    public LegacyRow.Raw next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String[] fields = nextRecord();
        return new LegacyRow.Raw(++row, Arrays.asList(fields));
    }

    private String[] nextRecord() {
        try {
            return records.nextValue();
        } catch (IOException | RuntimeException e) {
            throw broken(row + 1, e);
        }
    }

    private static InvalidValueException broken(int row, Exception e) {
        return new InvalidValueException("invalid-csv", "the file is not valid CSV at row " + row + " (a quoted"
                + " field not closed, or a quote inside a field that is not quoted)").atField("body");
    }
}
