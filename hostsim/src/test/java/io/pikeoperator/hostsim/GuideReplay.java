package io.pikeoperator.hostsim;

import java.util.ArrayList;
import java.util.List;

/**
 * The install guide, command by command, against twin hosts controller01 (10.0.0.11) and computer01
 * (10.0.0.31) over SSH. The install guide's by-hand edits ("vim ... set this key") are file writes: the file is read,
 * changed as the guide says, and written back with cat (owner and mode kept). Each section can be run on its own
 * so that tests can stop early or leave one step out.
 */
final class GuideReplay {

    static final String CONTROLLER = "controller01";
    static final String COMPUTE = "computer01";
    static final String ROOT_DB = "r00t-Db!";
    static final String RABBIT = "rabb1t-Mq";
    static final String KEYSTONE_DB = "ks-Db-9";
    static final String ADMIN = "Adm1n-Pw";
    static final String DEMO = "dem0-Pw";
    static final String GLANCE_DB = "gl-Db-3";
    static final String GLANCE = "gl-User-4";
    static final String NOVA_DB = "nv-Db-5";
    static final String NOVA = "nv-User-6";
    static final String PLACEMENT = "pl-User-7";

    static final String HOSTS = """
            127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4
            ::1         localhost localhost.localdomain localhost6 localhost6.localdomain6

            #Controller
            10.0.0.11       controller01

            #Computer
            10.0.0.31       computer01

            #Block
            10.0.0.41       block01

            #Object
            10.0.0.51       object01
            10.0.0.52       object02
            """;

    final TwinClient ssh;
    /** The password computer01's nova.conf uses for RabbitMQ (a test may make it wrong). */
    String computeRabbitPassword = RABBIT;

    GuideReplay(TwinClient ssh) {
        this.ssh = ssh;
    }

    // ---- all nodes ----

    void hostsFile(String host) {
        write(host, "/etc/hosts", HOSTS);
    }

    void timeSync(String host) {
        ssh.ok(host, "yum install chrony -y");
        String conf = ssh.ok(host, "cat /etc/chrony.conf");
        if (host.equals(CONTROLLER)) {
            conf = conf.replace("#allow 192.168.0.0/16", "#allow 192.168.0.0/16\nallow 10.0.0.0/24");
        } else {
            conf = conf.replaceAll("(?m)^server .*\\n", "").replace("# Please consider joining the pool (http://www.pool.ntp.org/join.html).\n",
                    "# Please consider joining the pool (http://www.pool.ntp.org/join.html).\nserver controller01 iburst\n");
        }
        write(host, "/etc/chrony.conf", conf);
        ssh.ok(host, "systemctl enable chronyd.service");
        // chronyd already runs on a fresh CentOS 7: start alone would keep the old configuration.
        ssh.ok(host, "systemctl restart chronyd.service");
    }

    void openStackRepo(String host) {
        ssh.ok(host, "yum install centos-release-openstack-pike", "y\n");
        ssh.ok(host, "yum upgrade", "y\n");
        reboot(host);
        ssh.ok(host, "yum install python-openstackclient", "y\n");
        ssh.ok(host, "yum install openstack-selinux", "y\n");
    }

    void reboot(String host) {
        ssh.exec(host, "reboot");
        try {
            ssh.forget(host);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> ssh.exec(host, "true").exit() == 0);
    }

    // ---- controller ----

    void database() {
        ssh.ok(CONTROLLER, "yum install mariadb mariadb-server python2-PyMySQL -y");
        write(CONTROLLER, "/etc/my.cnf.d/openstack.cnf", """
                [mysqld]
                bind-address = 10.0.0.11

                default-storage-engine = innodb
                innodb_file_per_table = on
                max_connections = 4096
                collation-server = utf8_general_ci
                character-set-server = utf8
                """);
        ssh.ok(CONTROLLER, "systemctl enable mariadb.service");
        ssh.ok(CONTROLLER, "systemctl start mariadb.service");
        ssh.ok(CONTROLLER, "mysql_secure_installation", "\nY\n" + ROOT_DB + "\n" + ROOT_DB + "\nY\nY\nY\nY\n");
    }

    void messageQueue() {
        ssh.ok(CONTROLLER, "yum install rabbitmq-server -y");
        ssh.ok(CONTROLLER, "systemctl enable rabbitmq-server.service");
        ssh.ok(CONTROLLER, "systemctl start rabbitmq-server.service");
        ssh.ok(CONTROLLER, "rabbitmqctl add_user openstack " + RABBIT);
        ssh.ok(CONTROLLER, "rabbitmqctl set_permissions openstack \".*\" \".*\" \".*\"");
    }

    void memcached() {
        ssh.ok(CONTROLLER, "yum install memcached python-memcached -y");
        write(CONTROLLER, "/etc/sysconfig/memcached", """
                PORT="11211"
                USER="memcached"
                MAXCONN="1024"
                CACHESIZE="64"
                OPTIONS="-l 127.0.0.1,::1,controller01"
                """);
        ssh.ok(CONTROLLER, "systemctl enable memcached.service");
        ssh.ok(CONTROLLER, "systemctl start memcached.service");
    }

    void etcd() {
        ssh.ok(CONTROLLER, "yum install etcd -y");
        write(CONTROLLER, "/etc/etcd/etcd.conf", """
                #[Member]
                ETCD_DATA_DIR="/var/lib/etcd/default.etcd"
                ETCD_LISTEN_PEER_URLS="http://10.0.0.11:2380"
                ETCD_LISTEN_CLIENT_URLS="http://10.0.0.11:2379"
                ETCD_NAME="controller"
                #[Clustering]
                ETCD_INITIAL_ADVERTISE_PEER_URLS="http://10.0.0.11:2380"
                ETCD_ADVERTISE_CLIENT_URLS="http://10.0.0.11:2379"
                ETCD_INITIAL_CLUSTER="controller=http://10.0.0.11:2380"
                ETCD_INITIAL_CLUSTER_TOKEN="etcd-cluster-01"
                ETCD_INITIAL_CLUSTER_STATE="new"
                """);
        ssh.ok(CONTROLLER, "systemctl enable etcd");
        ssh.ok(CONTROLLER, "systemctl start etcd");
    }

    void createDatabase(String db, String user, String password) {
        sql("CREATE DATABASE " + db + ";");
        for (String host : List.of("localhost", "%", "controller01")) {
            sql("GRANT ALL PRIVILEGES ON " + db + ".* TO '" + user + "'@'" + host + "' IDENTIFIED BY '" + password + "';");
        }
    }

    void sql(String statement) {
        ssh.ok(CONTROLLER, "mysql -uroot -p", ROOT_DB + "\n" + statement + "\n");
    }

    void keystone() {
        createDatabase("keystone", "keystone", KEYSTONE_DB);
        ssh.ok(CONTROLLER, "yum install openstack-keystone httpd mod_wsgi -y");
        edit(CONTROLLER, "/etc/keystone/keystone.conf", List.of(
                "database", "connection", "mysql+pymysql://keystone:" + KEYSTONE_DB + "@controller01/keystone",
                "token", "provider", "fernet"));
        ssh.ok(CONTROLLER, "sh -c \"keystone-manage db_sync\" keystone");
        ssh.ok(CONTROLLER, "keystone-manage fernet_setup --keystone-user keystone --keystone-group keystone");
        ssh.ok(CONTROLLER, "keystone-manage credential_setup --keystone-user keystone --keystone-group keystone");
        ssh.ok(CONTROLLER, "keystone-manage bootstrap --bootstrap-password " + ADMIN + " \\\n"
                + "--bootstrap-admin-url http://controller01:35357/v3/ \\\n"
                + "--bootstrap-internal-url http://controller01:5000/v3/ \\\n"
                + "--bootstrap-public-url http://controller01:5000/v3/ \\\n"
                + "--bootstrap-region-id RegionOne");
        String httpd = ssh.ok(CONTROLLER, "cat /etc/httpd/conf/httpd.conf");
        write(CONTROLLER, "/etc/httpd/conf/httpd.conf", httpd.replace("#ServerName www.example.com:80",
                "#ServerName www.example.com:80\nServerName controller01"));
        ssh.ok(CONTROLLER, "ln -s /usr/share/keystone/wsgi-keystone.conf /etc/httpd/conf.d/");
        ssh.ok(CONTROLLER, "systemctl enable httpd.service");
        ssh.ok(CONTROLLER, "systemctl start httpd.service");
        write(CONTROLLER, "/root/admin_openrc", """
                export OS_USERNAME=admin
                export OS_PASSWORD=%s
                export OS_PROJECT_NAME=admin
                export OS_USER_DOMAIN_NAME=Default
                export OS_PROJECT_DOMAIN_NAME=Default
                export OS_AUTH_URL=http://controller01:35357/v3
                export OS_IDENTITY_API_VERSION=3
                export OS_IMAGE_API_VERSION=2
                """.formatted(ADMIN));
        write(CONTROLLER, "/root/demo_openrc", """
                export OS_PROJECT_DOMAIN_NAME=default
                export OS_USER_DOMAIN_NAME=default
                export OS_PROJECT_NAME=demo
                export OS_USERNAME=demo
                export OS_PASSWORD=%s
                export OS_AUTH_URL=http://controller01:5000/v3
                export OS_IDENTITY_API_VERSION=3
                export OS_IMAGE_API_VERSION=2
                """.formatted(DEMO));
        admin("openstack project create --domain default --description \"Service Project\" service");
        admin("openstack project create --domain default --description \"Demo Project\" demo");
        ssh.ok(CONTROLLER, ". admin_openrc && " + typed("openstack user create --domain default --password \"$PW\" demo"),
                DEMO + "\n");
        admin("openstack role create user");
        admin("openstack role add --project demo --user demo user");
    }

    /*
     * The guide types passwords at prompts (`--password-prompt`, and `token issue` without OS_PASSWORD). osc-lib reads
     * a password only from a terminal, and the twin's SSH server gives a command no terminal (MINA accepts a
     * pty-req, but the twin runs every command with pipes, as sshd would without -t), so the replay cannot type
     * them. It passes the same password instead: read by bash from stdin into a variable, then given as
     * `--password "$PW"` or as OS_PASSWORD, so that it appears in no SSH command line and no command log.
     */
    static String typed(String command) {
        return "IFS= read -r PW && " + command;
    }

    /** The install guide's token checks: admin on 35357 and demo on 5000 (the password as OS_PASSWORD, see typed). */
    String adminToken() {
        return ssh.ok(CONTROLLER, "unset OS_AUTH_URL OS_PASSWORD; " + typed("OS_PASSWORD=\"$PW\" openstack "
                + "--os-auth-url http://controller01:35357/v3 \\\n"
                + "--os-project-domain-name Default \\\n--os-user-domain-name Default \\\n--os-project-name admin \\\n"
                + "--os-username admin token issue"), ADMIN + "\n");
    }

    String demoToken() {
        return ssh.ok(CONTROLLER, typed("OS_PASSWORD=\"$PW\" openstack --os-auth-url http://controller01:5000/v3 \\\n"
                + "--os-project-domain-name Default \\\n--os-user-domain-name Default \\\n--os-project-name demo \\\n"
                + "--os-username demo token issue"), DEMO + "\n");
    }

    String admin(String command) {
        return ssh.ok(CONTROLLER, ". admin_openrc && " + command);
    }

    TwinClient.Result adminExec(String command) {
        return ssh.exec(CONTROLLER, ". admin_openrc && " + command);
    }

    void glance() {
        createDatabase("glance", "glance", GLANCE_DB);
        serviceWithEndpoints("glance", GLANCE, "image", "OpenStack Image", "http://controller01:9292");
        ssh.ok(CONTROLLER, "yum install openstack-glance -y");
        List<String> authtoken = List.of(
                "keystone_authtoken", "auth_uri", "http://controller01:5000",
                "keystone_authtoken", "auth_url", "http://controller01:35357",
                "keystone_authtoken", "memcached_servers", "controller01:11211",
                "keystone_authtoken", "auth_type", "password",
                "keystone_authtoken", "project_domain_name", "default",
                "keystone_authtoken", "user_domain_name", "default",
                "keystone_authtoken", "project_name", "service",
                "keystone_authtoken", "username", "glance",
                "keystone_authtoken", "password", GLANCE,
                "paste_deploy", "flavor", "keystone");
        List<String> api = new ArrayList<>(List.of(
                "database", "connection", "mysql+pymysql://glance:" + GLANCE_DB + "@controller01/glance",
                "glance_store", "stores", "file,http",
                "glance_store", "default_store", "file",
                "glance_store", "filesystem_store_datadir", "/var/lib/glance/images/"));
        api.addAll(authtoken);
        edit(CONTROLLER, "/etc/glance/glance-api.conf", api);
        List<String> registry = new ArrayList<>(List.of(
                "database", "connection", "mysql+pymysql://glance:" + GLANCE_DB + "@controller01/glance"));
        registry.addAll(authtoken);
        edit(CONTROLLER, "/etc/glance/glance-registry.conf", registry);
        ssh.ok(CONTROLLER, "su -s /bin/sh -c \"glance-manage db_sync\" glance");
        ssh.ok(CONTROLLER, "systemctl enable openstack-glance-api.service openstack-glance-registry.service");
        ssh.ok(CONTROLLER, "systemctl start openstack-glance-api.service openstack-glance-registry.service");
        // CentOS 7 minimal has no wget; the guide's reader installs it first.
        ssh.ok(CONTROLLER, "yum install wget -y");
        ssh.ok(CONTROLLER, "wget http://download.cirros-cloud.net/0.3.5/cirros-0.3.5-x86_64-disk.img");
        admin("openstack image create \"cirros-0.3.5\" \\\n--file cirros-0.3.5-x86_64-disk.img \\\n"
                + "--disk-format qcow2 --container-format bare --public");
    }

    /** The install guide's per-service block: user (its password given as typed does), admin role in service, service, 3 endpoints. */
    void serviceWithEndpoints(String user, String password, String type, String description, String url) {
        ssh.ok(CONTROLLER, ". admin_openrc && " + typed("openstack user create --domain default --password \"$PW\" " + user),
                password + "\n");
        admin("openstack role add --project service --user " + user + " admin");
        admin("openstack service create --name " + user + " --description \"" + description + "\" " + type);
        for (String iface : List.of("public", "internal", "admin")) {
            admin("openstack endpoint create --region RegionOne " + type + " " + iface + " " + url);
        }
    }

    void novaController(boolean placementFix) {
        sql("CREATE DATABASE nova_api;");
        sql("CREATE DATABASE nova;");
        sql("CREATE DATABASE nova_cell0;");
        for (String db : List.of("nova_api", "nova", "nova_cell0")) {
            for (String host : List.of("localhost", "%", "controller01")) {
                sql("GRANT ALL PRIVILEGES ON " + db + ".* TO 'nova'@'" + host + "' IDENTIFIED BY '" + NOVA_DB + "';");
            }
        }
        serviceWithEndpoints("nova", NOVA, "compute", "OpenStack Compute", "http://controller01:8774/v2.1");
        serviceWithEndpoints("placement", PLACEMENT, "placement", "Placement API", "http://controller01:8778");
        ssh.ok(CONTROLLER, "yum install openstack-nova-api openstack-nova-conductor \\\nopenstack-nova-console "
                + "openstack-nova-novncproxy \\\nopenstack-nova-scheduler openstack-nova-placement-api -y");
        List<String> conf = new ArrayList<>(List.of(
                "DEFAULT", "enabled_apis", "osapi_compute,metadata",
                "DEFAULT", "my_ip", "10.0.0.11",
                "api_database", "connection", "mysql+pymysql://nova:" + NOVA_DB + "@controller01/nova_api",
                "database", "connection", "mysql+pymysql://nova:" + NOVA_DB + "@controller01/nova",
                "DEFAULT", "transport_url", "rabbit://openstack:" + RABBIT + "@controller01",
                "DEFAULT", "use_neutron", "True",
                "DEFAULT", "firewall_driver", "nova.virt.firewall.NoopFirewallDriver",
                "vnc", "enabled", "true",
                "vnc", "vncserver_listen", "$my_ip",
                "vnc", "vncserver_proxyclient_address", "$my_ip",
                "glance", "api_servers", "http://controller01:9292",
                "oslo_concurrency", "lock_path", "/var/lib/nova/tmp"));
        conf.addAll(novaAuth());
        edit(CONTROLLER, "/etc/nova/nova.conf", conf);
        if (placementFix) {
            placementFix();
        }
        ssh.ok(CONTROLLER, "sh -c \"nova-manage api_db sync\" nova");
        ssh.ok(CONTROLLER, "sh -c \"nova-manage cell_v2 map_cell0\" nova");
        ssh.ok(CONTROLLER, "sh -c \"nova-manage cell_v2 create_cell --name=cell1 --verbose\" nova");
        ssh.ok(CONTROLLER, "sh -c \"nova-manage db sync\" nova");
        ssh.ok(CONTROLLER, "systemctl enable openstack-nova-api.service \\\nopenstack-nova-consoleauth.service \\\n"
                + "openstack-nova-scheduler.service \\\nopenstack-nova-conductor.service \\\n"
                + "openstack-nova-novncproxy.service");
        ssh.ok(CONTROLLER, "systemctl start openstack-nova-api.service \\\nopenstack-nova-consoleauth.service \\\n"
                + "openstack-nova-scheduler.service \\\nopenstack-nova-conductor.service \\\n"
                + "openstack-nova-novncproxy.service");
    }

    void placementFix() {
        String conf = ssh.ok(CONTROLLER, "cat /etc/httpd/conf.d/00-nova-placement-api.conf");
        write(CONTROLLER, "/etc/httpd/conf.d/00-nova-placement-api.conf", conf.replaceFirst("</VirtualHost>", """
                  <Directory /usr/bin>
                     <IfVersion >= 2.4>
                       Require all granted
                     </IfVersion>
                     <IfVersion < 2.4>
                       Order allow,deny
                       Allow from all
                     </IfVersion>
                  </Directory>
                </VirtualHost>"""));
        ssh.ok(CONTROLLER, "systemctl restart httpd");
    }

    private List<String> novaAuth() {
        return List.of(
                "api", "auth_strategy", "keystone",
                "keystone_authtoken", "auth_uri", "http://controller01:5000",
                "keystone_authtoken", "auth_url", "http://controller01:35357",
                "keystone_authtoken", "memcached_servers", "controller01:11211",
                "keystone_authtoken", "auth_type", "password",
                "keystone_authtoken", "project_domain_name", "default",
                "keystone_authtoken", "user_domain_name", "default",
                "keystone_authtoken", "project_name", "service",
                "keystone_authtoken", "username", "nova",
                "keystone_authtoken", "password", NOVA,
                "placement", "os_region_name", "RegionOne",
                "placement", "project_domain_name", "Default",
                "placement", "project_name", "service",
                "placement", "auth_type", "password",
                "placement", "user_domain_name", "Default",
                "placement", "auth_url", "http://controller01:35357/v3",
                "placement", "username", "placement",
                "placement", "password", PLACEMENT);
    }

    /** The install guide's note: the RabbitMQ node's port 5672 must be open; the API ports the compute uses as well. */
    void openControllerPorts() {
        for (String port : List.of("5672", "5000", "35357", "8778", "9292", "6080")) {
            ssh.ok(CONTROLLER, "firewall-cmd --permanent --add-port=" + port + "/tcp");
        }
        ssh.ok(CONTROLLER, "firewall-cmd --reload");
    }

    void novaCompute() {
        ssh.ok(COMPUTE, "yum install openstack-nova-compute -y");
        String count = ssh.exec(COMPUTE, "egrep -c '(vmx|svm)' /proc/cpuinfo").out().strip();
        List<String> conf = new ArrayList<>(List.of(
                "libvirt", "virt_type", count.equals("0") ? "qemu" : "kvm",
                "DEFAULT", "enabled_apis", "osapi_compute,metadata",
                "DEFAULT", "my_ip", "10.0.0.31",
                "DEFAULT", "use_neutron", "true",
                "DEFAULT", "firewall_driver", "nova.virt.firewall.NoopFirewallDriver",
                "DEFAULT", "transport_url", "rabbit://openstack:" + computeRabbitPassword + "@controller01",
                "vnc", "enabled", "True",
                "vnc", "vncserver_listen", "0.0.0.0",
                "vnc", "vncserver_proxyclient_address", "$my_ip",
                "vnc", "novncproxy_base_url", "http://controller01:6080/vnc_auto.html",
                "glance", "api_servers", "http://controller01:9292",
                "oslo_concurrency", "lock_path", "/var/lib/nova/tmp"));
        conf.addAll(novaAuth());
        edit(COMPUTE, "/etc/nova/nova.conf", conf);
        ssh.ok(COMPUTE, "systemctl enable libvirtd.service openstack-nova-compute.service");
        ssh.ok(COMPUTE, "systemctl start libvirtd.service openstack-nova-compute.service");
    }

    String discoverHosts() {
        return ssh.ok(CONTROLLER, "sh -c \"nova-manage cell_v2 discover_hosts --verbose\" nova");
    }

    void discoverInterval() {
        edit(CONTROLLER, "/etc/nova/nova.conf", List.of("scheduler", "discover_hosts_in_cells_interval", "300"));
    }

    /** Everything up to and including the Nova controller (no compute yet). */
    /** The controller alone, from a blank host to a working Keystone (the base of the Keystone and Nova tests). */
    void controllerUpToKeystone() {
        hostsFile(CONTROLLER);
        openStackRepo(CONTROLLER);
        database();
        memcached();
        keystone();
    }

    void controllerUpToNova(boolean placementFix) {
        for (String h : List.of(CONTROLLER, COMPUTE)) {
            hostsFile(h);
            timeSync(h);
            openStackRepo(h);
        }
        database();
        messageQueue();
        memcached();
        etcd();
        keystone();
        glance();
        novaController(placementFix);
    }

    // ---- file edits ----

    void write(String host, String path, String content) {
        ssh.ok(host, "cat > " + path, content);
    }

    /** Sets keys (triples: section, key, value) in an INI file, in place, as the guide's vim edits do. */
    void edit(String host, String path, List<String> triples) {
        String text = ssh.ok(host, "cat " + path);
        for (int i = 0; i < triples.size(); i += 3) {
            text = set(text, triples.get(i), triples.get(i + 1), triples.get(i + 2));
        }
        write(host, path, text);
    }

    static String set(String text, String section, String key, String value) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("[" + section + "]")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return text + (text.endsWith("\n") ? "" : "\n") + "[" + section + "]\n" + key + " = " + value + "\n";
        }
        int end = lines.size();
        for (int i = start + 1; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("[")) {
                end = i;
                break;
            }
            String l = lines.get(i).strip();
            if (!l.startsWith("#") && l.contains("=") && l.substring(0, l.indexOf('=')).strip().equals(key)) {
                lines.set(i, key + " = " + value);
                return String.join("\n", lines);
            }
        }
        lines.add(start + 1, key + " = " + value);
        return String.join("\n", lines);
    }
}
