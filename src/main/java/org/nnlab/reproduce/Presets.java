package org.nnlab.reproduce;

import java.util.List;

/** The presets, one per report, in the order of the report files; then the records nnlab sets itself (issue #14). */
public final class Presets {
    private static final List<Preset> ALL = List.of(new XuShiPreset(), new QinPreset(), new FouchierYangPreset(),
            new UzelPreset(), new YaoPreset(), new SimardPreset(), new FashionPreset());

    private Presets() {
    }

    public static List<Preset> all() {
        return ALL;
    }

    /** The preset with the given name; an unknown name lists the valid ones. */
    public static Preset named(String name) {
        for (Preset p : ALL) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "', expected one of "
                + ALL.stream().map(Preset::name).toList() + " (nnlab reproduce --list)");
    }
}
