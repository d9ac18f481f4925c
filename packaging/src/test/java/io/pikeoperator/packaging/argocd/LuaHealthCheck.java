package io.pikeoperator.packaging.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Runs an Argo CD health script the way Argo CD does: the object as the global {@code obj} (a Lua table converted from
 * its JSON), the chunk's return value as {@code hs}. luaj implements Lua 5.2, Argo CD's gopher-lua 5.1; the scripts
 * keep to what both understand (checked by {@link Lua51CompatibilityTest}).
 */
final class LuaHealthCheck {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What a health script returned. */
    record Health(String status, String message) {
    }

    private LuaHealthCheck() {
    }

    /** The repository's root: the first directory upwards from the working directory that holds deploy/argocd. */
    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/argocd"))) {
                return p;
            }
        }
        throw new IllegalStateException("deploy/argocd not found above " + Path.of("").toAbsolutePath());
    }

    static Path script(String kind) {
        return repoRoot().resolve("deploy/argocd/health/" + kind.toLowerCase(java.util.Locale.ROOT) + ".lua");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample object from src/test/resources/argocd/. */
    static ObjectNode sample(String name) {
        try (InputStream in = LuaHealthCheck.class.getResourceAsStream("/argocd/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample argocd/" + name + ".yaml");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code script} with {@code obj} set to the object and returns hs.status and hs.message. */
    static Health run(String script, String chunkName, JsonNode object) {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(object));
        LuaValue hs = globals.load(script, "=" + chunkName).call();
        if (!hs.istable()) {
            throw new AssertionError(chunkName + " returned " + hs.typename() + ", not a table");
        }
        LuaValue status = hs.get("status");
        LuaValue message = hs.get("message");
        return new Health(status.isnil() ? null : status.tojstring(), message.isnil() ? null : message.tojstring());
    }

    static Health run(String kind, JsonNode object) {
        Path file = script(kind);
        return run(read(file), file.getFileName().toString(), object);
    }

    /** JSON to Lua as Argo CD does it: objects and arrays become tables (arrays 1-based), null becomes absent. */
    static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable t = new LuaTable();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                t.set(e.getKey(), toLua(e.getValue()));
            }
            return t;
        }
        if (node.isArray()) {
            LuaTable t = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                t.set(i + 1, toLua(node.get(i)));
            }
            return t;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return LuaValue.valueOf(node.intValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        return LuaValue.valueOf(node.asText());
    }
}
