package dev.leakline.jfr.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jdk.jfr.Label;
import jdk.jfr.MetadataDefinition;
import jdk.jfr.Name;
import jdk.jfr.Relational;

/** Marks a field that holds a Leakline connection id (0 when the client does not expose one). */
@MetadataDefinition
@Relational
@Name("leakline.ConnectionId")
@Label("Connection Id")
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConnectionId {
}
