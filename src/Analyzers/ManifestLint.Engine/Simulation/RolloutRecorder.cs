namespace ManifestLint.Engine.Simulation;

/// <summary>
/// Collects the steps of one simulation and the numbers the summary needs (lowest availability, peak pods,
/// last progress, outage window) plus the de-duplicated <c>kubectl rollout status</c> lines.
/// </summary>
internal sealed class RolloutRecorder
{
    private readonly List<RolloutStep> steps = [];
    private readonly StatusLineList statusLines = new();
    private readonly bool timed;
    private int outageFrom;
    private long outageFromSeconds;

    public RolloutRecorder(RolloutOptions options, long desired, long initialAvailable, long initialTotal)
    {
        timed = options.PodStartupSeconds is not null;
        Desired = desired;
        MinAvailable = initialAvailable;
        PeakPods = initialTotal;
    }

    public long Desired { get; }

    /// <summary>The estimated time of the latest action in seconds (pod startup 0 when not given).</summary>
    public long Clock { get; private set; }

    /// <summary>When the latest pod counted as available turned available.</summary>
    public long AvailableSeconds { get; private set; }

    public long MinAvailable { get; private set; }

    public long PeakPods { get; private set; }

    public int LastProgressSync { get; private set; }

    public long LastProgressSeconds { get; private set; }

    public OutageWindow? Outage { get; private set; }

    public IReadOnlyList<RolloutStep> Steps => steps;

    public IReadOnlyList<string> StatusLines => statusLines;

    /// <summary>A pod counted as available from now on turned available at <paramref name="seconds"/>; counts as progress.</summary>
    public void PodAvailable(int sync, long seconds)
    {
        if (seconds > AvailableSeconds)
            AvailableSeconds = seconds;
        LastProgressSync = sync;
        LastProgressSeconds = Math.Max(LastProgressSeconds, seconds);
    }

    /// <summary>
    /// Records an action. Actions gated by availability (scale-downs, deletions, completion) happen no earlier than
    /// the pods they counted turned available; scale-ups follow the previous action at once.
    /// </summary>
    public void Step(int sync, RolloutAction action, string target, long? to, long old, long @new, long available, long total, string messageFormat, bool waitsForAvailability)
    {
        if (waitsForAvailability)
            WaitForAvailability();
        steps.Add(new RolloutStep(sync, action, target, to, old, @new, available, total, messageFormat, timed ? Clock : null));
        Progress(sync);
        Observe(sync, available, total);
    }

    /// <summary>Moves the clock to when every pod counted as available turned available.</summary>
    public void WaitForAvailability()
    {
        if (AvailableSeconds > Clock)
            Clock = AvailableSeconds;
    }

    private void Progress(int sync)
    {
        LastProgressSync = sync;
        LastProgressSeconds = Math.Max(LastProgressSeconds, Clock);
    }

    /// <summary>Tracks availability and pod counts, also between steps (pods turning available).</summary>
    public void Observe(int sync, long available, long total)
    {
        if (available < MinAvailable)
            MinAvailable = available;
        if (total > PeakPods)
            PeakPods = total;
        if (Desired <= 0)
            return;
        if (available == 0 && outageFrom == 0)
        {
            outageFrom = sync;
            outageFromSeconds = Clock;
        }
        else if (available > 0 && outageFrom != 0 && Outage is null)
        {
            Outage = new OutageWindow(outageFrom, sync, timed ? Math.Max(Clock, AvailableSeconds) - outageFromSeconds : null);
        }
    }

    /// <summary>An outage that has not ended by the time the simulation stops.</summary>
    public OutageWindow? OpenOutage(int lastSync) =>
        Outage ?? (outageFrom != 0 ? new OutageWindow(outageFrom, lastSync, null) : null);

    public void Status(string line) => statusLines.Add(new StatusEntry(line, null, 0, 0));

    /// <summary>A status line kept as a format and two numbers, formatted only when read: long rollouts write thousands.</summary>
    public void Status(string format, long first, long second) => statusLines.Add(new StatusEntry(format, format, first, second));

    public RolloutSummary Summary(RolloutOutcome outcome, string? stallReason, int syncs, long? deadlineSeconds = null)
    {
        if (outcome == RolloutOutcome.Completes)
        {
            WaitForAvailability();
            if (Outage is null && outageFrom != 0)
                Observe(syncs, Desired, Desired);
        }

        return new RolloutSummary(
        outcome,
        stallReason,
        steps.Count,
        MinAvailable,
        PeakPods,
        Math.Max(0, PeakPods - Desired),
        timed && outcome == RolloutOutcome.Completes ? Clock : null,
        syncs,
        LastProgressSync,
        outcome == RolloutOutcome.Stalls && deadlineSeconds is { } deadline ? LastProgressSeconds + deadline : null,
        outcome == RolloutOutcome.Completes ? Outage : OpenOutage(syncs));
    }
}

/// <summary>Status lines without consecutive repeats, formatted on first read.</summary>
internal sealed class StatusLineList : IReadOnlyList<string>
{
    private readonly List<StatusEntry> entries = [];
    private string[]? lines;

    public int Count => entries.Count;

    public string this[int index] => Lines()[index];

    public void Add(StatusEntry entry)
    {
        if (entries.Count > 0 && entries[entries.Count - 1].SameAs(entry))
            return;
        entries.Add(entry);
        lines = null;
    }

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Lines()).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private string[] Lines() => lines ??= entries.Select(entry => entry.Text).ToArray();
}

/// <summary>A literal line (Format null), or a format with two numbers.</summary>
internal readonly record struct StatusEntry(string Text0, string? Format, long First, long Second)
{
    public string Text => Format is null ? Text0 : string.Format(System.Globalization.CultureInfo.InvariantCulture, Format, First, Second);

    public bool SameAs(StatusEntry other) =>
        Format is null ? other.Format is null && Text0 == other.Text0 : ReferenceEquals(Format, other.Format) && First == other.First && Second == other.Second;
}
