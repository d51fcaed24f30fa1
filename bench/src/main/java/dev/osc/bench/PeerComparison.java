package dev.osc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side part of a report: osc and each peer on the same fixture under the same
 * workload, and the ratios osc ÷ peer of time and of the writers' p99 and longest transaction
 * (below 1.0 osc is faster, or hurts the writers less).
 */
final class PeerComparison {
    /** osc ÷ one peer; a ratio is null when either side did not finish or the peer's figure is zero. */
    record Ratios(String peer, Double time, Double p99, Double max) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("peer", peer);
            m.put("time", time);
            m.put("writeP99", p99);
            m.put("writeMax", max);
            return m;
        }
    }

    private final ToolFigures osc;
    private final List<ToolFigures> peers;

    PeerComparison(ToolFigures osc, List<ToolFigures> peers) {
        this.osc = osc;
        this.peers = List.copyOf(peers);
    }

    List<Ratios> ratios() {
        List<Ratios> out = new ArrayList<>();
        for (ToolFigures p : peers) {
            if (p.done()) {
                boolean both = osc.done();
                out.add(new Ratios(p.tool(), both ? ratio(osc.seconds(), p.seconds()) : null,
                        both ? ratio(osc.writes().p99Ms(), p.writes().p99Ms()) : null, both ? ratio(osc.writes().maxMs(), p.writes().maxMs()) : null));
            }
        }
        return out;
    }

    static Double ratio(double osc, double peer) {
        return peer <= 0 ? null : Math.round(osc / peer * 100.0) / 100.0;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> tools = new ArrayList<>();
        tools.add(osc.toMap());
        peers.forEach(p -> tools.add(p.toMap()));
        m.put("tools", tools);
        m.put("ratiosOscToPeer", ratios().stream().map(Ratios::toMap).toList());
        return m;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("## Side by side: osc and its peers\n\n");
        md.append("Each tool starts from the same freshly generated table under the same workload; write latencies count every "
                + "transaction that overlapped the tool's run, once.\n\n");
        MarkdownTable t = new MarkdownTable(List.of("tool", "does", "status", "time s", "rows/s", "write p50 / p99 / max ms",
                "writer errors (deadlocks)"));
        List<ToolFigures> all = new ArrayList<>();
        all.add(osc);
        all.addAll(peers);
        for (ToolFigures f : all) {
            boolean ran = !f.status().equals("skipped");
            t.row(List.of(f.tool(), f.does(), f.status(), ran ? fmt(f.seconds()) : "—",
                    ran ? String.format(Locale.ROOT, "%,d", Math.round(f.rowsPerSecond())) : "—",
                    ran && f.writes().count() > 0 ? fmt(f.writes().p50Ms()) + " / " + fmt(f.writes().p99Ms()) + " / " + fmt(f.writes().maxMs()) : "—",
                    ran ? f.errors() + " (" + f.deadlocks() + ")" : "—"));
        }
        md.append(t.render()).append('\n');
        List<Ratios> ratios = ratios();
        if (!ratios.isEmpty()) {
            MarkdownTable r = new MarkdownTable(List.of("osc ÷ peer", "time", "write p99", "write max"));
            ratios.forEach(x -> r.row(List.of(x.peer(), text(x.time()), text(x.p99()), text(x.max()))));
            md.append(r.render()).append('\n');
        }
        for (ToolFigures f : all) {
            if (f.command() != null) {
                md.append("- ").append(f.tool()).append(": `").append(f.command()).append("`").append(f.note() == null ? "" : " — " + f.note())
                        .append('\n');
            } else {
                md.append("- ").append(f.tool()).append(": skipped: ").append(f.note()).append('\n');
            }
        }
        return md.toString();
    }

    private static String text(Double ratio) {
        return ratio == null ? "—" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }
}
