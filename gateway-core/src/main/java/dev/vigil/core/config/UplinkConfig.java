package dev.vigil.core.config;

/** One northbound link, e.g. {@code type: mqtt}; its options belong to the uplink factory of that type. */
public record UplinkConfig(String id, String type, Options options, SourceRef where) {
}
