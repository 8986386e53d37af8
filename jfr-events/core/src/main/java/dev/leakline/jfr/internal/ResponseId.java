package dev.leakline.jfr.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jdk.jfr.Label;
import jdk.jfr.MetadataDefinition;
import jdk.jfr.Name;
import jdk.jfr.Relational;

/**
 * Marks a field that holds a Leakline response id. JDK Mission Control uses {@link Relational}
 * annotations to link events that share a value, so a response's opened, drained and closed events
 * can be followed as one.
 */
@MetadataDefinition
@Relational
@Name("leakline.ResponseId")
@Label("Response Id")
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ResponseId {
}
