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

    private CommandResult bootstrap(Call call, OsloConfig cfg, Args a) {
        String password = a.get("--bootstrap-password", call.env("OS_BOOTSTRAP_PASSWORD"));
        if (password == null || password.isEmpty()) {
            return call.fail(1, "Either --bootstrap-password argument or OS_BOOTSTRAP_PASSWORD must be set.");
        }
        Result<HostState.Database> db = Apps.database(call.world(), call.host(), cfg, "database");
        if (!db.ok()) {
            return call.fail(1, "CRITICAL keystone [-] Unhandled error: DBConnectionError: " + db.error());
        }
        if (db.value().keystone == null) {
            return call.fail(1, "CRITICAL keystone [-] Unhandled error: ProgrammingError: (pymysql.err.ProgrammingError) "
                    + "(1146, u\"Table 'keystone.project' doesn't exist\")");
        }
        Keystone.bootstrap(db.value().keystone, password, a.get("--bootstrap-username", "admin"),
                a.get("--bootstrap-project-name", "admin"), a.get("--bootstrap-role-name", "admin"),
                a.get("--bootstrap-region-id"), a.get("--bootstrap-admin-url"), a.get("--bootstrap-internal-url"),
                a.get("--bootstrap-public-url"));
        return call.exit(0);
    }
}
