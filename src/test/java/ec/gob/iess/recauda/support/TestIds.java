package ec.gob.iess.recauda.support;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh, valid Ecuadorian ids for tests, computed with the algorithms of the domain brief, so that every test owns
 * its debtors and tests sharing one database never see each other's data.
 */
public final class TestIds {

    private TestIds() {
    }

    /** A valid cédula of province 17 (Pichincha). */
    public static String cedula() {
        String nine = "17" + ThreadLocalRandom.current().nextInt(0, 6) + digits(6);
        return nine + cedulaCheckDigit(nine);
    }

    /** A valid natural-person RUC: a valid cédula and establishment 001. */
    public static String naturalPersonRuc() {
        return cedula() + "001";
    }

    /** A valid private-company RUC (third digit 9) whose mod-11 check digit matches. */
    public static String companyRuc() {
        while (true) {
            String nine = "179" + digits(6);
            int check = mod11(nine, new int[]{4, 3, 2, 7, 6, 5, 4, 3, 2});
            if (check < 10) {
                return nine + check + "001";
            }
        }
    }

    /** A private-company RUC whose check digit is wrong: accepted with a warning. */
    public static String companyRucWithWrongCheckDigit() {
        String valid = companyRuc();
        int check = valid.charAt(9) - '0';
        return valid.substring(0, 9) + ((check + 1) % 10) + "001";
    }

    /** A valid public-entity RUC (third digit 6). */
    public static String publicEntityRuc() {
        while (true) {
            String eight = "176" + digits(5);
            int check = mod11(eight, new int[]{3, 2, 7, 6, 5, 4, 3, 2});
            if (check < 10) {
                return eight + check + "0001";
            }
        }
    }

    static int cedulaCheckDigit(String nine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int product = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product > 9 ? product - 9 : product;
        }
        return (10 - sum % 10) % 10;
    }

    static int mod11(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int remainder = sum % 11;
        return remainder == 0 ? 0 : 11 - remainder;
    }

    private static String digits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(ThreadLocalRandom.current().nextInt(10));
        }
        return sb.toString();
    }
}
