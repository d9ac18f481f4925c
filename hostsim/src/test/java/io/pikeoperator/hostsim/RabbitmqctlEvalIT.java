package io.pikeoperator.hostsim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.pikeoperator.hostsim.GuideReplay.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * rabbitmqctl eval of the password check prints what RabbitMQ 3.6's rabbit_access_control:check_user_pass_login
 * returns: {ok, #user{username, tags, authz_backends}} or {refused, Username, Format, Args} (rabbitmq-server
 * v3.6.16 src/rabbit_access_control.erl, rabbitmq-common include/rabbit.hrl; the same terms as a real 3.10 node
 * prints in the operator's RabbitMqContractIT).
 */
class RabbitmqctlEvalIT {

    @Test
    void thePasswordCheckPrintsTheUserRecordOrTheRefusalWithTheUserName(@TempDir Path dir) {
        try (TwinFixture f = TwinFixture.start(dir, TwinFixture.CONTROLLER_ONLY)) {
            f.ssh.ok(CONTROLLER, "yum install -y centos-release-openstack-pike && yum install -y rabbitmq-server"
                    + " && systemctl start rabbitmq-server");
            f.ssh.ok(CONTROLLER, "printf '%s' 'se cret' > /root/pw && rabbitmqctl eval "
                    + "'{ok, P} = file:read_file(\"/root/pw\"), rabbit_auth_backend_internal:add_user(<<\"openstack\">>, P).'");
            String check = "rabbitmqctl eval '{ok, P} = file:read_file(\"/root/pw\"), "
                    + "rabbit_access_control:check_user_pass_login(<<\"openstack\">>, P).'";
            assertThat(f.ssh.ok(CONTROLLER, check))
                    .isEqualTo("{ok,{user,<<\"openstack\">>,[],[{rabbit_auth_backend_internal,none}]}}\n");
            f.ssh.ok(CONTROLLER, "printf '%s' 'other' > /root/pw");
            assertThat(f.ssh.ok(CONTROLLER, check))
                    .isEqualTo("{refused,<<\"openstack\">>,\"user '~s' - invalid credentials\",[<<\"openstack\">>]}\n");
            assertThat(f.ssh.exec(CONTROLLER, "rabbitmqctl authenticate_user openstack wrong").exit()).isEqualTo(67);
            assertThat(f.ssh.exec(CONTROLLER, "rabbitmqctl eval '{ok, P} = file:read_file(\"/nonexistent\"), "
                    + "rabbit_auth_backend_internal:change_password(<<\"openstack\">>, P).'").exit()).isEqualTo(70);
            assertThat(f.ssh.exec(CONTROLLER, "rabbitmqctl add_user openstack x").exit()).isEqualTo(70);
        }
    }
}
