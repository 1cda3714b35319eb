package org.confer.visits;

/** A question the ward asks on its public page besides the patient's name ({@code bed} and up to 5 more). */
public record VisitField(String name, String label, boolean required) {}
