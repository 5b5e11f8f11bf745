package ec.gob.iess.recauda.adapter.in.rest.json;

/** How amounts travel: JSON strings with exactly two decimals, e.g. "1250.00". */
public final class Amounts {

    public static final String PATTERN = "^-?[0-9]{1,13}\\.[0-9]{2}$";
    /** The form of an amount in a request (positive, exactly two decimals, at most 999999999999.99). */
    public static final String INPUT_PATTERN = "^[0-9]{1,12}\\.[0-9]{2}$";
    public static final String INPUT_DESCRIPTION = "A positive amount in US dollars as a string with exactly two"
            + " decimals, at most 999999999999.99, e.g. \"1250.00\"";

    private Amounts() {
    }
}
