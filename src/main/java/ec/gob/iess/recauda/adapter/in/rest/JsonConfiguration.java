package ec.gob.iess.recauda.adapter.in.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ec.gob.iess.recauda.adapter.in.rest.strict.StrictJsonModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Strict JSON reading: every scalar by the rules of {@link StrictJsonModule} (text without control characters or
 * unpaired surrogates, whole numbers that are JSON integers, exact enum names, ISO dates as strings, every bad field
 * reported at once), a body must end where its value ends, and a key given twice in one object is refused. Dates
 * are written as ISO strings, and a field without a value is left out of an answer rather than written as null.
 */
@Singleton
public class JsonConfiguration implements ObjectMapperCustomizer {

    /** Last, so that the strict readers win over those of the modules Quarkus registers (java.time's). */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new StrictJsonModule());
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // One rule for absent values in answers: a field with no value is left out, never written as null.
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
