package dev.osc.engine.scenario;

/** One value per database; {@code null} where a scenario does not run on that database. */
public record PerDb<T>(T pg, T maria) {

    public static <T> PerDb<T> both(T value) {
        return new PerDb<>(value, value);
    }

    public static <T> PerDb<T> of(T pg, T maria) {
        return new PerDb<>(pg, maria);
    }

    public static <T> PerDb<T> pgOnly(T pg) {
        return new PerDb<>(pg, null);
    }

    public static <T> PerDb<T> mariaOnly(T maria) {
        return new PerDb<>(null, maria);
    }

    public T on(Db db) {
        return db == Db.POSTGRES ? pg : maria;
    }

    public boolean has(Db db) {
        return on(db) != null;
    }
}
