package dev.adjoint.processor.stmt;

import com.palantir.javapoet.TypeName;

/** A JavaPoet type, written as {@code $T}: JavaPoet imports it or qualifies a clashing name. */
public record PoetLocalType(TypeName type) implements LocalType {}
