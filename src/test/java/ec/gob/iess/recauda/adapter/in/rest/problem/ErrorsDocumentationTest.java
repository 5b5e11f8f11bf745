package ec.gob.iess.recauda.adapter.in.rest.problem;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/errors.md documents every problem kind of the catalogue, so client developers see all of them. */
class ErrorsDocumentationTest {

    @Test
    void every_problem_kind_of_the_catalogue_is_documented() throws Exception {
        String doc = Files.readString(Path.of("docs", "errors.md"));
        assertThat(ProblemTypes.catalogue().keySet())
                .allSatisfy(kind -> assertThat(doc).contains("| `" + kind + "` |"));
    }
}
