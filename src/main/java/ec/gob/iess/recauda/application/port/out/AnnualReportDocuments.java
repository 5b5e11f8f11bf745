package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.report.AnnualReport;

/** Renders the collection section of the year's accountability report as a printable document (PDF). */
public interface AnnualReportDocuments {

    byte[] render(AnnualReport report);
}
