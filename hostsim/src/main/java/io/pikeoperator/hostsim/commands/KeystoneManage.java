package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Apps;
import io.pikeoperator.hostsim.model.HostState;
import io.pikeoperator.hostsim.model.Keystone;
import io.pikeoperator.hostsim.model.KeystoneData;
import io.pikeoperator.hostsim.model.OsloConfig;
import io.pikeoperator.hostsim.model.Result;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** keystone-manage db_sync, db_version, fernet_setup, credential_setup, bootstrap (reading /etc/keystone/keystone.conf now). */
final class KeystoneManage implements Command {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** keystone 12.0.3's legacy migrate_repo: oldest script 067_kilo (initial version 66), head 109. */
    static final int INITIAL_VERSION = 66;
    static final int PIKE_HEAD = 109;

    @Override
    public CommandResult run(Call call) {
        Args a = Args.parse(call.args(), List.of());
        if (a.positional.isEmpty()) {
            return call.fail(2, "usage: keystone-manage [-h] {bootstrap,credential_setup,db_sync,fernet_setup,...}");
        }
        OsloConfig cfg = call.host().oslo("/etc/keystone/keystone.conf");
        return switch (a.positional.get(0)) {
            case "db_sync" -> dbSync(call, cfg);
            case "db_version" -> dbVersion(call, cfg);
            case "fernet_setup" -> keys(call, a, "/etc/keystone/fernet-keys");
            case "credential_setup" -> keys(call, a, "/etc/keystone/credential-keys");
            case "bootstrap" -> bootstrap(call, cfg, a);
            default -> call.fail(2, "keystone-manage: error: invalid choice: '" + a.positional.get(0) + "'");
        };
    }

    private CommandResult dbSync(Call call, OsloConfig cfg) {
        Result<HostState.Database> db = Apps.database(call.world(), call.host(), cfg, "database");
        if (!db.ok()) {
            return call.fail(1, "CRITICAL keystone [-] Unhandled error: DBConnectionError: " + db.error());
        }
        if (db.value().keystone == null) {
            db.value().keystone = new KeystoneData();
            db.value().schema = "keystone:" + PIKE_HEAD;
        }
        return call.exit(0);
    }

    /**
     * The legacy repository's version: 109 once synced (Pike's head). An empty database is placed under version
     * control at the initial version (66: the oldest script, 067_kilo, less one), which is printed with exit 0, as
     * oslo.db's {@code migration.db_version} does when given an init_version (keystone 12.0.3
     * {@code upgrades.get_db_version}); a later db_sync upgrades from there.
     */
    private CommandResult dbVersion(Call call, OsloConfig cfg) {
        Result<HostState.Database> db = Apps.database(call.world(), call.host(), cfg, "database");
        if (!db.ok()) {
            return call.fail(1, "CRITICAL keystone [-] Unhandled error: DBConnectionError: " + db.error());
        }
        if (db.value().keystone == null) {
            db.value().schema = "keystone:" + INITIAL_VERSION;
            return call.outln(String.valueOf(INITIAL_VERSION)).exit(0);
        }
        return call.outln(String.valueOf(PIKE_HEAD)).exit(0);
    }

    private CommandResult keys(Call call, Args a, String dir) {
        String user = a.get("--keystone-user", "keystone");
        String group = a.get("--keystone-group", "keystone");
        if (call.host().user(user).isEmpty()) {
            return call.fail(1, "CRITICAL keystone [-] Unhandled error: KeyError: 'getpwnam(): name not found: " + user + "'");
        }
        if (call.files().exists(dir + "/0")) {
            call.errln("INFO keystone.common.token_utils [-] Key repository is already initialized; aborting.");
            return call.exit(0);
        }
        call.files().mkdir(dir, 0700, user, group, call.host());
        for (String key : List.of("0", "1")) {
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            call.files().write(dir + "/" + key, Base64.getUrlEncoder().encodeToString(raw), 0600, user, group, call.host());
        }
        call.errln("INFO keystone.common.token_utils [-] Created a new temporary key: " + dir + "/0.tmp");
        return call.exit(0);
    }

    /**
     * keystone 12.0.3 {@code BootStrap._get_config}: every value is {@code os.environ.get('OS_BOOTSTRAP_X') or
     * --bootstrap-x}, so a non-empty variable wins over the flag. Without a password (None) it prints its advice on
     * stdout and raises ValueError.
     */
    private CommandResult bootstrap(Call call, OsloConfig cfg, Args a) {
        Keystone.Bootstrap b = new Keystone.Bootstrap(
                option(call, a, "USERNAME", "admin"), option(call, a, "PASSWORD", null),
                option(call, a, "PROJECT_NAME", "admin"), option(call, a, "ROLE_NAME", "admin"),
                option(call, a, "SERVICE_NAME", "keystone"), option(call, a, "ADMIN_URL", null),
                option(call, a, "PUBLIC_URL", null), option(call, a, "INTERNAL_URL", null),
                option(call, a, "REGION_ID", null));
        if (b.password() == null) {
            call.outln("Either --bootstrap-password argument or OS_BOOTSTRAP_PASSWORD must be set.");
            return call.fail(1, "CRITICAL keystone [-] Unhandled error: ValueError");
        }
        Result<HostState.Database> db = Apps.database(call.world(), call.host(), cfg, "database");
        if (!db.ok()) {
            return call.fail(1, "CRITICAL keystone [-] Unhandled error: DBConnectionError: " + db.error());
        }
        if (db.value().keystone == null) {
            return call.fail(1, "CRITICAL keystone [-] Unhandled error: ProgrammingError: (pymysql.err.ProgrammingError) "
                    + "(1146, u\"Table 'keystone.project' doesn't exist\")");
        }
        try {
            Keystone.bootstrap(db.value().keystone, b);
        } catch (Keystone.BootstrapError e) {
            return call.fail(1, "CRITICAL keystone [-] Unhandled error: " + e.type + ": " + e.getMessage());
        }
        return call.exit(0);
    }

    /** {@code os.environ.get('OS_BOOTSTRAP_<NAME>') or CONF.command.bootstrap_<name>} (an empty variable is unset). */
    private static String option(Call call, Args a, String name, String fallback) {
        String env = call.env("OS_BOOTSTRAP_" + name);
        if (env != null && !env.isEmpty()) {
            return env;
        }
        return a.get("--bootstrap-" + name.toLowerCase(java.util.Locale.ROOT).replace('_', '-'), fallback);
    }
}
