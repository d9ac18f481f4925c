package io.pikeoperator.hostsim.commands;

import io.pikeoperator.hostsim.model.Apps;
import io.pikeoperator.hostsim.model.GlanceData;
import io.pikeoperator.hostsim.model.HostState;
import io.pikeoperator.hostsim.model.OsloConfig;
import io.pikeoperator.hostsim.model.Result;

/** glance-manage db_sync / db_version, with the [database] of /etc/glance/glance-api.conf. */
final class GlanceManage implements Command {

    static final String NOT_CONTROLLED = "Database is either not under migration control or under legacy migration "
            + "control, please run \"glance-manage db sync\" to place the database under alembic migration control.";

    @Override
    public CommandResult run(Call call) {
        String sub = call.args().isEmpty() ? "" : call.args().get(0);
        OsloConfig cfg = call.host().oslo("/etc/glance/glance-api.conf");
        Result<HostState.Database> db = Apps.database(call.world(), call.host(), cfg, "database");
        if (!sub.equals("db_sync") && !sub.equals("db_version")) {
            return call.fail(2, "glance-manage: command " + sub + " is not modelled");
        }
        if (!db.ok()) {
            return call.fail(1, "CRITICAL glance [-] Unhandled error: DBConnectionError: " + db.error());
        }
        if (sub.equals("db_version")) {
            // glance 15.0.2 DbCommands.version: the alembic heads, or this message (exit 0) before any sync
            return call.outln(db.value().glance == null ? NOT_CONTROLLED : "pike01").exit(0);
        }
        call.errln("/usr/lib/python2.7/site-packages/oslo_db/sqlalchemy/enginefacade.py:1328: "
                + "OsloDBDeprecationWarning: EngineFacade is deprecated; please use oslo_db.sqlalchemy.enginefacade\n"
                + "  expire_on_commit=expire_on_commit, _conf=conf)");
        if (db.value().glance == null) {
            db.value().glance = new GlanceData();
            db.value().schema = "pike01";
            // alembic's INFO lines: alembic.ini's root handler is StreamHandler(sys.stderr) (glance 15.0.2)
            call.err("INFO  [alembic.runtime.migration] Context impl MySQLImpl.\n"
                    + "INFO  [alembic.runtime.migration] Will assume non-transactional DDL.\n"
                    + "INFO  [alembic.runtime.migration] Running upgrade  -> liberty, liberty initial\n"
                    + "INFO  [alembic.runtime.migration] Running upgrade liberty -> mitaka01, add index on created_at and "
                    + "updated_at columns of 'images' table\n"
                    + "INFO  [alembic.runtime.migration] Running upgrade mitaka01 -> mitaka02, update metadef os_nova_server\n"
                    + "INFO  [alembic.runtime.migration] Running upgrade mitaka02 -> ocata01, add visibility to and remove "
                    + "is_public from images\n"
                    + "INFO  [alembic.runtime.migration] Running upgrade ocata01 -> pike01, drop glare artifacts tables\n");
        }
        call.err("INFO  [alembic.runtime.migration] Context impl MySQLImpl.\n"
                + "INFO  [alembic.runtime.migration] Will assume non-transactional DDL.\n");
        call.out("Upgraded database to: pike01, current revision(s): pike01\n");
        return call.exit(0);
    }
}
