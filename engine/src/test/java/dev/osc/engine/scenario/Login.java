package dev.osc.engine.scenario;

/**
 * A database user with a password, for the tests about credentials: {@code url} names the server
 * and database only; {@link #urlWithPassword()} adds both credentials the way a user would type them.
 */
public record Login(String url, String user, String password) {

    public String urlWithUser() {
        return url + "?user=" + user;
    }

    public String urlWithPassword() {
        return urlWithUser() + "&password=" + password;
    }
}
