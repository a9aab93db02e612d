package org.scalebridge.structure;

/** One chemical element: atomic number, symbol, standard atomic mass (amu), covalent radius (Å), colour (0xRRGGBB). */
public record Element(int z, String symbol, String name, double mass, double covalentRadius, int rgb) {}
