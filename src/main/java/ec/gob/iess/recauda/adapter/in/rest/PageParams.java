package ec.gob.iess.recauda.adapter.in.rest;

import ec.gob.iess.recauda.application.port.PageRequest;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of every paged list, declared once ({@code @BeanParam}): {@code page} from 0 and
 * {@code size} from 1 to {@value PageRequest#MAX_SIZE} (default {@value PageRequest#DEFAULT_SIZE}), with
 * {@code page × size} at most 2147483647 (docs/api-guide.md). A value that breaks a rule is a 400
 * {@code validation-error} naming its parameter.
 */
public class PageParams {

    @Parameter(description = "Page number from 0; page × size at most 2147483647",
            schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "0", minimum = "0",
                    maximum = "2147483647"))
    @QueryParam("page")
    String page;

    @Parameter(description = "Page size, 1 to 500",
            schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "50", minimum = "1",
                    maximum = "500"))
    @QueryParam("size")
    String size;

    /** Whether the request names a page at all (either parameter is present). */
    public boolean given() {
        return page != null || size != null;
    }

    /** The page asked for; every bad value is reported, each naming its parameter. */
    public PageRequest request() {
        Fields fields = new Fields();
        Integer number = fields.read("page", () -> Params.integer("page", page, 0));
        Integer length = fields.read("size", () -> Params.integer("size", size, PageRequest.DEFAULT_SIZE));
        fields.check();
        return new PageRequest(number, length);
    }
}
