package io.pikeoperator.hostsim.model;

/** A value or the error text a real client would print. */
public record Result<T>(T value, String error) {

    public static <T> Result<T> of(T value) {
        return new Result<>(value, null);
    }

    public static <T> Result<T> fail(String error) {
        return new Result<>(null, error);
    }

    public boolean ok() {
        return error == null;
    }
}
