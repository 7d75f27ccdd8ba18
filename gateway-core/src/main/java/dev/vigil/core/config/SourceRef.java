package dev.vigil.core.config;

/** A place in a site file, so every problem can name "file:line". */
public record SourceRef(String file, int line) {

    public static final SourceRef UNKNOWN = new SourceRef("<unknown>", 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
