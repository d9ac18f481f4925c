package io.pikeoperator.cli;

import io.pikeoperator.engine.HostPlan;
import io.pikeoperator.engine.HostReport;
import io.pikeoperator.engine.Outcome;
import io.pikeoperator.engine.Step;
import io.pikeoperator.engine.StepListener;
import io.pikeoperator.engine.StepResult;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * On a terminal: one line per host (service n/m, the step now running, elapsed), redrawn in place with ANSI
 * cursor moves every second and on each step. Other output goes above it through {@link #print}.
 */
final class LiveView implements StepListener, AutoCloseable {

    private static final String CLEAR_LINE = "\u001b[2K";

    private final PrintStream out;
    private final int width;
    private final Map<String, HostLine> hosts = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pike-live-view");
        t.setDaemon(true);
        return t;
    });
    private int drawn;
    private boolean closed;

    LiveView(PrintStream out, int width) {
        this.out = out;
        this.width = Math.max(40, width);
        ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    }

    /** What one host is doing; {@code spent} sums its finished runs (the controller runs twice). */
    private static final class HostLine {
        final String host;
        List<String> services = List.of();
        long runStart;
        Duration spent = Duration.ZERO;
        boolean running;
        String now = "connecting";
        int service;
        int changed;
        String failed;
        int steps;

        HostLine(String host) {
            this.host = host;
        }

        Duration elapsed() {
            return running ? spent.plusNanos(System.nanoTime() - runStart) : spent;
        }
    }

    @Override
    public synchronized void hostStarting(HostPlan plan) {
        HostLine h = hosts.computeIfAbsent(plan.host(), HostLine::new);
        List<String> services = new ArrayList<>();
        plan.steps().forEach(s -> {
            if (!services.contains(s.service())) {
                services.add(s.service());
            }
        });
        h.services = services;
        h.steps = plan.steps().size();
        h.running = true;
        h.failed = null;
        h.runStart = System.nanoTime();
        redraw();
    }

    @Override
    public synchronized void starting(String host, Step step, int index, int total) {
        HostLine h = hosts.computeIfAbsent(host, HostLine::new);
        h.service = h.services.indexOf(step.service()) + 1;
        h.now = step.service() + ": " + step.name();
        redraw();
    }

    @Override
    public synchronized void finished(StepResult r, int index, int total) {
        HostLine h = hosts.computeIfAbsent(r.host(), HostLine::new);
        if (r.outcome() == Outcome.CHANGED) {
            h.changed++;
        } else if (r.outcome() == Outcome.FAILED) {
            h.failed = r.service() + " / " + r.step() + ": " + r.reason();
        }
    }

    @Override
    public synchronized void hostFinished(HostReport report) {
        HostLine h = hosts.computeIfAbsent(report.host(), HostLine::new);
        h.spent = h.elapsed();
        h.running = false;
        h.now = h.failed != null ? "FAILED " + h.failed
                : report.converged() ? "done, " + h.changed + " changed"
                : "paused: " + report.count(Outcome.SKIPPED) + " steps wait for other hosts";
        redraw();
    }

    /** Prints {@code line} above the live lines. */
    synchronized void print(String line) {
        clear();
        out.println(line);
        redraw();
    }

    private void clear() {
        if (drawn > 0) {
            out.print("\u001b[" + drawn + "A\r");
            for (int i = 0; i < drawn; i++) {
                out.print(CLEAR_LINE + "\n");
            }
            out.print("\u001b[" + drawn + "A\r");
            drawn = 0;
        }
    }

    private synchronized void redraw() {
        if (closed) {
            return;
        }
        StringBuilder s = new StringBuilder();
        if (drawn > 0) {
            s.append("\u001b[").append(drawn).append("A\r");
        }
        for (HostLine h : hosts.values()) {
            s.append(CLEAR_LINE).append(StepLines.truncate(text(h), width - 1)).append('\n');
        }
        drawn = hosts.size();
        out.print(s);
        out.flush();
    }

    static String text(String host, Duration elapsed, int service, int services, String now) {
        return String.format(Locale.ROOT, "%-13s %7s  service %2d/%-2d  %s", host, Recap.duration(elapsed), service,
                services, now);
    }

    private static String text(HostLine h) {
        return text(h.host, h.elapsed(), h.service, h.services.size(), h.now);
    }

    /** Stops redrawing; the last state of every host stays on the screen. */
    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        redraw();
        closed = true;
    }
}
