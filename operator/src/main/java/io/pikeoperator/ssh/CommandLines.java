package io.pikeoperator.ssh;

/** Builds the command line sent to the remote login shell. */
final class CommandLines {

    private CommandLines() {
    }

    /**
     * For a sudo target: {@code sudo -n -H bash -c '<command>'}. {@code -n} fails at once instead of waiting for a
     * password prompt nobody will answer; {@code -H} gives root's HOME so tools do not write into the user's.
     */
    static String forTarget(SshTarget target, String command) {
        return target.sudo() ? "sudo -n -H bash -c " + singleQuote(command) : command;
    }

    /** One shell word whatever the text holds: single quotes, each ' written as '\''. */
    static String singleQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** The start of a command for a DEBUG line: at most 80 characters, one line. */
    static String forLog(String command) {
        String oneLine = command.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "…";
    }
}
