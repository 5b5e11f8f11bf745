package ec.gob.iess.recauda.adapter.in.rest.strict;

import com.fasterxml.jackson.annotation.JacksonAnnotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a free-text request field that may hold tab and line-feed characters (a description, a reason, a note).
 * Every other text field accepts no control character at all; see {@link StrictJsonModule}.
 */
@JacksonAnnotation
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface MultiLine {
}
