namespace ManifestLint.Engine.Simulation;

/// <summary>
/// Collects the steps of one simulation and the numbers the summary needs (lowest availability, peak pods,
/// last progress, outage window) plus the de-duplicated <c>kubectl rollout status</c> lines.
/// </summary>
internal sealed class RolloutRecorder
{
    /// <summary>kube-controller-manager's default client rate (--kube-api-qps): API calls per second of each controller.</summary>
    public const int ControllerApiQps = 20;

    /// <summary>kube-controller-manager's default client burst (--kube-api-burst).</summary>
    public const int ControllerApiBurst = 30;

    /// <summary>Syncs a replay may simulate one by one (skipped rounds not counted) before it stops with "not simulated beyond".</summary>
    public const long SimulatedSyncCap = 200_000;

    // Rounds that are compared before later ones are skipped, and rounds always replayed at the end.
    private const int ConfirmingRounds = 3; // SameSteps compares three rounds
    private const int TailRounds = 2;
    private const int LongestRound = 8;

    private readonly List<RolloutStep> steps = [];
    private readonly List<RolloutRepeat> repeats = [];
    private readonly StatusLineList statusLines = new();
    private readonly List<Mark> marks = [];

    private long podCalls;
    // Deleted pods in deletion order (so by the time they are gone); entries before terminatingHead are gone.
    private readonly List<Deletion> terminating = [];
    private int terminatingHead;
    private readonly bool timed;
    private readonly bool skipRounds;
    private long outageFrom;
    private long outageFromSeconds;
    private long stepsSkipped;
    private long terminationSeconds;
    private long actingSyncs;
    private long lastActingSync = -1;

    public RolloutRecorder(RolloutOptions options, long desired, long initialAvailable, long initialTotal)
    {
        timed = options.PodStartupSeconds is not null;
        skipRounds = options.SkipRepeatedRounds;
        Desired = desired;
        MinAvailable = initialAvailable;
        PeakPods = initialTotal;
        PeakPodsWithTerminating = initialTotal;
    }

    public long Desired { get; }

    /// <summary>The estimated time of the latest action in seconds (pod startup 0 when not given).</summary>
    public long Clock { get; private set; }

    /// <summary>When the latest pod counted as available turned available.</summary>
    public long AvailableSeconds { get; private set; }

    public long MinAvailable { get; private set; }

    public long PeakPods { get; private set; }

    /// <summary>The most pods at once, counting deleted pods until they are gone (they keep node resources and count against a pods quota).</summary>
    public long PeakPodsWithTerminating { get; private set; }

    /// <summary>
    /// Deleted pods that have not stopped yet in <paramref name="sync"/>. With <c>--pod-startup</c> the clock says
    /// when they are gone; without, time is unknown and a pod counts until the sync after its deletion: syncs follow
    /// each other within milliseconds, and no pod stops that fast.
    /// </summary>
    private long TerminatingAt(long sync)
    {
        while (terminatingHead < terminating.Count && Gone(terminating[terminatingHead], sync))
            terminatingHead++;
        long pods = 0;
        for (var index = terminatingHead; index < terminating.Count; index++)
        {
            if (!Gone(terminating[index], sync))
                pods += terminating[index].Pods;
        }

        return pods;
    }

    private bool Gone(Deletion deletion, long sync) => timed ? deletion.GoneAt <= Clock : deletion.Sync < sync - 1;

    /// <summary>
    /// The least time the pod creations and deletions take through the controller's client rate limiter
    /// (<see cref="ControllerApiQps"/> calls per second after a burst of <see cref="ControllerApiBurst"/>), however fast pods start.
    /// </summary>
    public long ApiFloorSeconds => Math.Max(0, (podCalls - ControllerApiBurst + ControllerApiQps - 1) / ControllerApiQps);

    public long LastProgressSync { get; private set; }

    public long LastProgressSeconds { get; private set; }

    public OutageWindow? Outage { get; private set; }

    public IReadOnlyList<RolloutStep> Steps => steps;

    public IReadOnlyList<RolloutRepeat> Repeats => repeats;

    public IReadOnlyList<string> StatusLines => statusLines;

    /// <summary>Syncs replayed one by one so far; see <see cref="SimulatedSyncCap"/>.</summary>
    public long SimulatedSyncs { get; private set; }

    /// <summary>Counts one replayed sync; false once the cap is reached.</summary>
    public bool NextSync()
    {
        SimulatedSyncs++;
        return SimulatedSyncs <= SimulatedSyncCap;
    }

    /// <summary>The summary's stall reason when <see cref="NextSync"/> said no.</summary>
    public static string CapReason(long sync) =>
        $"not simulated beyond {SimulatedSyncCap:N0} controller syncs replayed one by one (stopped at sync {sync:N0}); the rounds of this rollout do not repeat in a way the replay can skip";

    /// <summary>A pod counted as available from now on turned available at <paramref name="seconds"/>; counts as progress.</summary>
    public void PodAvailable(long sync, long seconds)
    {
        if (seconds > AvailableSeconds)
            AvailableSeconds = seconds;
        LastProgressSync = sync;
        LastProgressSeconds = Math.Max(LastProgressSeconds, seconds);
    }

    /// <summary>
    /// Records an action on <paramref name="pods"/> pods. Actions gated by availability (scale-downs, deletions,
    /// completion) happen no earlier than the pods they counted turned available; scale-ups follow the previous action at once.
    /// </summary>
    public void Step(long sync, RolloutAction action, string target, long? to, long old, long @new, long available, long total, string messageFormat, bool waitsForAvailability, long pods = 1, long index = -1, long? from = null)
    {
        if (waitsForAvailability)
            WaitForAvailability();
        if (sync != lastActingSync)
        {
            actingSyncs++;
            lastActingSync = sync;
        }

        steps.Add(new RolloutStep(sync, action, target, to, old, @new, available, total, messageFormat, timed ? Clock : null, pods) { Index = index, From = from });
        Progress(sync);
        Observe(sync, available, total);
    }

    /// <summary><paramref name="pods"/> pods were deleted now and stop <paramref name="seconds"/> later; until then they still count as pods.</summary>
    public void Terminate(long sync, long pods, long seconds)
    {
        terminationSeconds = seconds;
        if (pods > 0 && seconds > 0)
            terminating.Add(new Deletion(pods, Clock + seconds, sync));
    }

    /// <summary>Moves the clock to when every deleted pod is gone: the paths that wait for old pods to stop.</summary>
    public void WaitForTermination()
    {
        foreach (var entry in terminating)
            Clock = Math.Max(Clock, entry.GoneAt);
        terminatingHead = terminating.Count;
    }

    /// <summary>The controller creates or deletes <paramref name="pods"/> pods, one API call each (see <see cref="ApiFloorSeconds"/>).</summary>
    public void PodCalls(long pods)
    {
        if (pods > 0)
            podCalls += pods;
    }

    /// <summary>Moves the clock forward to <paramref name="seconds"/> (never back).</summary>
    public void AdvanceTo(long seconds)
    {
        if (seconds > Clock)
            Clock = seconds;
    }

    /// <summary>Moves the clock to when every pod counted as available turned available.</summary>
    public void WaitForAvailability()
    {
        if (AvailableSeconds > Clock)
            Clock = AvailableSeconds;
    }

    private void Progress(long sync)
    {
        LastProgressSync = sync;
        LastProgressSeconds = Math.Max(LastProgressSeconds, Clock);
    }

    /// <summary>Tracks availability and pod counts, also between steps (pods turning available).</summary>
    public void Observe(long sync, long available, long total)
    {
        if (available < MinAvailable)
            MinAvailable = available;
        if (total > PeakPods)
            PeakPods = total;
        var withTerminating = total + TerminatingAt(sync);
        if (withTerminating > PeakPodsWithTerminating)
            PeakPodsWithTerminating = withTerminating;
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

    /// <summary>An outage that has not ended by the time the simulation stops: reported as open.</summary>
    public OutageWindow? OpenOutage(long lastSync) =>
        Outage ?? (outageFrom != 0 ? new OutageWindow(outageFrom, lastSync, null, Open: true) : null);

    public void Status(string line) => statusLines.Add(new StatusEntry(line, null, 0, 0));

    /// <summary>A status line kept as a format and two numbers, formatted only when read: long rollouts write thousands.</summary>
    public void Status(string format, long first, long second) => statusLines.Add(new StatusEntry(format, format, first, second));

    /// <summary>
    /// Called at the start of every sync with the simulation's state relative to its progress (<paramref name="shape"/>:
    /// pods in flight, their offsets from the current sync and clock). Once the last <see cref="ConfirmingRounds"/>
    /// rounds of the same length had the same shape, the same progress and steps that differ by the same amounts, the
    /// rounds until <see cref="TailRounds"/> before the end are skipped: the result says how many syncs and rounds the
    /// caller must advance its state by. This keeps the cost of a replay independent of replicas and nodes.
    /// </summary>
    public RoundSkip Skip(long sync, long progress, long remaining, long[] shape)
    {
        if (!skipRounds || (Outage is null && outageFrom != 0))
            return default;
        marks.Add(new Mark(sync, progress, Clock, AvailableSeconds, LastProgressSync, LastProgressSeconds, steps.Count, statusLines.Count, terminating.Count, podCalls, shape));
        if (marks.Count > (ConfirmingRounds * LongestRound) + 1)
            marks.RemoveAt(0);
        for (var length = 1; length <= LongestRound; length++)
        {
            if (RoundOf(length) is not { } round)
                continue;
            var rounds = (remaining / round.Progress) - TailRounds;
            if (rounds < 1)
                return default;
            Apply(round, rounds);
            return new RoundSkip(rounds, round.Syncs * rounds, round.Progress * rounds, round.Clock * rounds);
        }

        return default;
    }

    private Round? RoundOf(int length)
    {
        var last = marks.Count - 1;
        if (last < ConfirmingRounds * length)
            return null;
        var end = marks[last];
        var start = marks[last - length];
        var round = new Round(end.Sync - start.Sync, end.Progress - start.Progress, end.Clock - start.Clock, end.AvailableSeconds - start.AvailableSeconds,
            end.LastProgressSync - start.LastProgressSync, end.LastProgressSeconds - start.LastProgressSeconds, start.Steps, end.Steps - start.Steps,
            start.Terminations, end.Terminations - start.Terminations, end.PodCalls - start.PodCalls);
        if (round.Progress <= 0 || round.StepCount == 0)
            return null;
        for (var back = 1; back <= ConfirmingRounds; back++)
        {
            var later = marks[last - ((back - 1) * length)];
            var earlier = marks[last - (back * length)];
            if (!later.Shape.SequenceEqual(earlier.Shape) ||
                later.Sync - earlier.Sync != round.Syncs || later.Progress - earlier.Progress != round.Progress ||
                later.Clock - earlier.Clock != round.Clock || later.AvailableSeconds - earlier.AvailableSeconds != round.AvailableSeconds ||
                later.LastProgressSync - earlier.LastProgressSync != round.LastProgressSync ||
                later.LastProgressSeconds - earlier.LastProgressSeconds != round.LastProgressSeconds ||
                later.Steps - earlier.Steps != round.StepCount || later.Terminations - earlier.Terminations != round.TerminationCount ||
                later.PodCalls - earlier.PodCalls != round.PodCalls)
                return null;
        }

        return SameSteps(marks[last - (3 * length)].Steps, marks[last - (2 * length)].Steps, round) ? round : null;
    }

    /// <summary>Three rounds of steps (the last one is <paramref name="round"/>) are the same actions, each shifted by the same amounts.</summary>
    private bool SameSteps(int earlierStart, int laterStart, Round round)
    {
        var lastStart = round.FirstStep;
        for (var offset = 0; offset < round.StepCount; offset++)
        {
            var earlier = steps[earlierStart + offset];
            var later = steps[laterStart + offset];
            var last = steps[lastStart + offset];
            if (earlier.Action != later.Action || earlier.MessageFormat != later.MessageFormat || earlier.Pods != later.Pods || later.Pods != last.Pods ||
                (earlier.Index < 0 && earlier.Target != later.Target) ||
                later.Sync - earlier.Sync != round.Syncs ||
                !SameShift(earlier.To, later.To, last.To) || !SameShift(earlier.Seconds, later.Seconds, last.Seconds) ||
                later.Old - earlier.Old != last.Old - later.Old || later.New - earlier.New != last.New - later.New ||
                later.Available - earlier.Available != last.Available - later.Available || later.Total - earlier.Total != last.Total - later.Total ||
                later.Index - earlier.Index != last.Index - later.Index)
                return false;
        }

        return true;
    }

    private static bool SameShift(long? earlier, long? later, long? last) =>
        earlier is null ? later is null && last is null : later is not null && last is not null && later - earlier == last - later;

    private void Apply(Round round, long rounds)
    {
        repeats.Add(new RolloutRepeat(round.FirstStep, round.StepCount, rounds, round.Syncs, round.Progress, timed ? round.Clock : null));
        stepsSkipped += round.StepCount * rounds;
        var roundSteps = steps.Skip(round.FirstStep).Take(round.StepCount);
        actingSyncs += roundSteps.Select(step => step.Sync).Distinct().LongCount() * rounds;
        SkipTerminations(round, rounds);
        Clock += round.Clock * rounds;
        podCalls += round.PodCalls * rounds;
        AvailableSeconds += round.AvailableSeconds * rounds;
        LastProgressSync += round.LastProgressSync * rounds;
        LastProgressSeconds += round.LastProgressSeconds * rounds;
        var statusPerRound = marks[marks.Count - 1].Status - marks[marks.Count - 2].Status;
        if (statusPerRound > 0)
            Status($"[… kubectl prints lines like these for {rounds:N0} more rounds of {RolloutSimulator.Pods(round.Progress)}: collapsed …]");
        marks.Clear();
    }

    /// <summary>
    /// The pods the skipped rounds deleted, as the full replay would hold them: the last replayed round's deletions
    /// repeat one round later each time, and those not gone by the clock after the skip are still stopping.
    /// </summary>
    private void SkipTerminations(Round round, long rounds)
    {
        if (round.TerminationCount == 0)
            return;
        var last = terminating.GetRange(round.FirstTermination, round.TerminationCount);
        if (timed && round.Clock == 0)
        {
            // Rounds that take no time stop their pods together.
            foreach (var deletion in last)
                terminating.Add(new Deletion(deletion.Pods * rounds, deletion.GoneAt, deletion.Sync + (round.Syncs * rounds)));
            return;
        }

        // Later copies of the last round, as far back as one of them can still be stopping after the skip.
        var back = timed ? Math.Min(rounds, (terminationSeconds / round.Clock) + 1) : Math.Min(rounds, (2 / Math.Max(1, round.Syncs)) + 1);
        for (var repeat = rounds - back + 1; repeat <= rounds; repeat++)
        {
            foreach (var deletion in last)
                terminating.Add(new Deletion(deletion.Pods, deletion.GoneAt + (round.Clock * repeat), deletion.Sync + (round.Syncs * repeat)));
        }
    }

    public RolloutSummary Summary(RolloutOutcome outcome, string? stallReason, long syncs, long? deadlineSeconds = null)
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
        steps.Count + stepsSkipped,
        MinAvailable,
        PeakPods,
        Math.Max(0, PeakPods - Desired),
        timed && outcome == RolloutOutcome.Completes ? Math.Max(Clock, ApiFloorSeconds) : null,
        syncs,
        LastProgressSync,
        outcome == RolloutOutcome.Stalls && deadlineSeconds is { } deadline ? LastProgressSeconds + deadline : null,
        outcome == RolloutOutcome.Completes ? Outage : OpenOutage(syncs))
        {
            PeakPodsWithTerminating = Math.Max(PeakPods, PeakPodsWithTerminating),
            ActingSyncs = actingSyncs,
            ApiFloorSeconds = ApiFloorSeconds,
        };
    }

    private readonly record struct Deletion(long Pods, long GoneAt, long Sync);

    private sealed record Mark(long Sync, long Progress, long Clock, long AvailableSeconds, long LastProgressSync, long LastProgressSeconds, int Steps, int Status, int Terminations, long PodCalls, long[] Shape);

    private sealed record Round(long Syncs, long Progress, long Clock, long AvailableSeconds, long LastProgressSync, long LastProgressSeconds, int FirstStep, int StepCount, int FirstTermination, int TerminationCount, long PodCalls);
}

/// <summary>Rounds the recorder skipped: the simulation advances its state by these amounts.</summary>
internal readonly record struct RoundSkip(long Rounds, long Syncs, long Pods, long Seconds)
{
    public bool Skipped => Rounds > 0;
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
