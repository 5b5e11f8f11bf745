package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;

/** A voucher with its status on the business date of the request (EXPIRED is derived, never stored). */
public record VoucherView(Voucher voucher, VoucherStatus status) {
}
