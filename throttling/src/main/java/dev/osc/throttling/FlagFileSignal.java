package dev.osc.throttling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Throttles while a file exists (pt-osc's pause file, gh-ost's {@code --throttle-flag-file}). */
public final class FlagFileSignal implements ThrottleSignal {
    private final Path file;

    public FlagFileSignal(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public String name() {
        return "flag-file";
    }

    @Override
    public Optional<String> sample() {
        return Files.exists(file) ? Optional.of("flag-file: " + file + " exists") : Optional.empty();
    }
}
