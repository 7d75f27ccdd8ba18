package dev.vigil.core.model;

import java.util.Objects;

/**
 * Where a sensor is: site, building, floor and room (or street point). Every alarm and reading
 * carries it so the platform can send people to the right door.
 */
public record Place(String site, String building, String floor, String room) {

    public Place {
        Objects.requireNonNull(site, "site");
        building = building == null ? "" : building;
        floor = floor == null ? "" : floor;
        room = room == null ? "" : room;
    }

    /** "site/building/floor/room", leaving out empty parts. */
    public String label() {
        StringBuilder b = new StringBuilder(site);
        for (String part : new String[] {building, floor, room}) {
            if (!part.isEmpty()) {
                b.append('/').append(part);
            }
        }
        return b.toString();
    }
}
