package io.pikeoperator.ssh;

/**
 * Why talking to a host failed. Each kind carries a CamelCase {@link #reason()} for status conditions. Messages
 * never contain secrets or command output.
 */
public class SshException extends Exception {

    private final String reason;

    public SshException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /**
     * The host offered a key that is not the expected one ({@code HostKeyMismatch}), none is known
     * ({@code HostKeyUnknown}), or the node pins a key that known_hosts does not vouch for ({@code HostKeyNotTrusted}).
     */
    public static final class HostKeyRejected extends SshException {
        public HostKeyRejected(String reason, String message) {
            super(reason, message, null);
        }
    }

    public static final class AuthenticationFailed extends SshException {
        public AuthenticationFailed(String message, Throwable cause) {
            super("AuthenticationFailed", message, cause);
        }
    }

    public static final class ConnectFailed extends SshException {
        public ConnectFailed(String message, Throwable cause) {
            super("HostUnreachable", message, cause);
        }
    }

    /** The connection broke while a command ran: it may or may not have taken effect. */
    public static final class ConnectionDropped extends SshException {
        public ConnectionDropped(String message, Throwable cause) {
            super("ConnectionDropped", message, cause);
        }
    }

    public static final class CommandTimeout extends SshException {
        public CommandTimeout(String message) {
            super("CommandTimeout", message, null);
        }
    }
}
