package io.pikeoperator.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The log format and levels of a command (log4j2 underneath; logs go to stderr). Levels are given as
 * {@code LEVEL} (the operator's own loggers, io.pikeoperator) or {@code LOGGER=LEVEL}, comma-separated:
 * {@code info,io.pikeoperator.ssh=debug}; {@code root=LEVEL} sets every other library. The environment variable
 * {@value #LEVEL_ENV} takes the same, and --log-level wins over it.
 */
final class Logging {

    static final String LEVEL_ENV = "PIKE_LOG_LEVEL";
    static final String OWN = "io.pikeoperator";

    private Logging() {
    }

    /** {@code json}: one JSON (ECS) object per line, as log collectors read them; {@code text}: the default lines. */
    static void format(String format) {
        switch (format) {
            case "text" -> {
            }
            case "json" -> Configurator.reconfigure(URI.create("classpath:log4j2-json.xml"));
            default -> throw new IllegalArgumentException("--log-format takes text or json, not " + format);
        }
    }

    /** Applies {@code spec} (null or blank: nothing). */
    static void levels(String spec) {
        Map<String, Level> levels = parse(spec);
        if (!levels.isEmpty()) {
            Configurator.setLevel(levels);
        }
    }

    /** The levels of the environment, then of {@code flag} (either may be null). */
    static void levels(String defaultLevel, String flag) {
        levels(defaultLevel);
        levels(System.getenv(LEVEL_ENV));
        levels(flag);
    }

    static Map<String, Level> parse(String spec) {
        Map<String, Level> levels = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return levels;
        }
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String logger = eq < 0 ? OWN : p.substring(0, eq).strip();
            String level = eq < 0 ? p : p.substring(eq + 1).strip();
            Level parsed = Level.getLevel(level.toUpperCase(Locale.ROOT));
            if (parsed == null || logger.isEmpty()) {
                throw new IllegalArgumentException("bad log level '" + p + "': give LEVEL or LOGGER=LEVEL, LEVEL one of "
                        + "error, warn, info, debug, trace, off");
            }
            levels.put(logger.equals("root") ? "" : logger, parsed);
        }
        return levels;
    }
}
