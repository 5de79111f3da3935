package dev.vigil.catalog;
public enum Severity { ERROR, WARNING }
