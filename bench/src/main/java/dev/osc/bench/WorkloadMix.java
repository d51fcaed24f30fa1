package dev.osc.bench;

import java.util.Locale;

/** The share of inserts, updates, deletes and point reads in a workload, as weights like {@code 20:40:10:30}. */
record WorkloadMix(int insert, int update, int delete, int read) {
    static final WorkloadMix DEFAULT = new WorkloadMix(20, 40, 10, 30);

    /** The operations a transaction can be. */
    enum Operation { INSERT, UPDATE, DELETE, READ }

    WorkloadMix {
        if (insert < 0 || update < 0 || delete < 0 || read < 0 || insert + update + delete + read == 0) {
            throw new IllegalArgumentException("--mix weights must be 0 or more and not all 0");
        }
    }

    static WorkloadMix parse(String value) {
        String[] parts = value.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("--mix must be insert:update:delete:read weights, like 20:40:10:30, got: " + value);
        }
        try {
            return new WorkloadMix(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
                    Integer.parseInt(parts[2].strip()), Integer.parseInt(parts[3].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--mix must be four whole numbers separated by ':', got: " + value);
        }
    }

    /** The operation a uniform draw in [0, total) stands for. */
    Operation pick(int draw) {
        if (draw < insert) {
            return Operation.INSERT;
        }
        if (draw < insert + update) {
            return Operation.UPDATE;
        }
        if (draw < insert + update + delete) {
            return Operation.DELETE;
        }
        return Operation.READ;
    }

    int total() {
        return insert + update + delete + read;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d:%d:%d:%d", insert, update, delete, read);
    }
}
