using ManifestLint.Engine.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ManifestLint.Engine.Loading;

/// <summary>
/// Reads a YAML (or JSON) stream into <see cref="ManifestNode"/> trees, one per document, keeping every node's
/// position, the comments, and every syntax or duplicate-key problem. A syntax error ends only the document it is in:
/// reading resumes at the next <c>---</c> line.
/// </summary>
internal sealed class YamlTreeReader
{
    private readonly string text;
    private readonly InputLimits limits;
    private readonly bool keepComments;
    private readonly List<ManifestNode?> documents = [];
    private readonly List<SourcePosition> documentStarts = [];
    private readonly List<SourceComment> comments = [];
    private readonly List<LoadProblem> problems = [];
    private bool hasNonScalarKeys;
    private bool tooManyDocuments;
    private int[]? lineStarts;

    // Set when reading a rewritten copy of the text: offsets are then computed against the original's lines.
    private int[]? originalLineStarts;

    private YamlTreeReader(string text, InputLimits limits)
    {
        this.text = text;
        this.limits = limits;
        // Comments are read for suppressions only; a file without one has the scanner skip them.
        keepComments = text.IndexOf(SuppressionSet.CommentMarker, StringComparison.Ordinal) >= 0;
    }

    public static YamlStreamContent Read(string text, InputLimits? limits = null)
    {
        limits ??= InputLimits.Default;
        var tooDeep = NestingPrescan.Find(text, limits.MaxNestingDepth);
        if (tooDeep.Count == 0 && BlockYamlReader.TryRead(text, limits) is { } block)
            return block;
        return ReadWithYamlDotNet(text, limits, tooDeep);
    }

    /// <summary>As <see cref="Read"/>, always through YamlDotNet.</summary>
    internal static YamlStreamContent ReadWithYamlDotNet(string text, InputLimits limits) =>
        ReadWithYamlDotNet(text, limits, NestingPrescan.Find(text, limits.MaxNestingDepth));

    private static YamlStreamContent ReadWithYamlDotNet(string text, InputLimits limits, List<TooDeepDocument> tooDeep)
    {
        var reader = new YamlTreeReader(text, limits);
        reader.ReadAll(tooDeep);
        if (reader.problems.Any(problem => problem.Message.Contains(YamlDotNetBlockScalarBug)))
        {
            // YamlDotNet rejects valid literal blocks that start with a whitespace-only line (aaubry/YamlDotNet#523,
            // #535); Kubernetes' YAML decoder accepts them. Such lines carry no nodes, so blanking them moves nothing.
            var retryText = WhitespaceOnlyLine.Replace(text, string.Empty);
            var retry = new YamlTreeReader(retryText, limits) { originalLineStarts = LineStarts(text) };
            retry.ReadAll(NestingPrescan.Find(retryText, limits.MaxNestingDepth));
            if (retry.problems.Count(problem => problem.RuleId == "ML9001") < reader.problems.Count(problem => problem.RuleId == "ML9001"))
                reader = retry;
        }

        return new YamlStreamContent(reader.documents, reader.documentStarts, reader.comments, reader.problems, reader.hasNonScalarKeys);
    }

    private void ReadAll(List<TooDeepDocument> tooDeep)
    {
        var nextTooDeep = 0;
        var offset = 0;
        while (!tooManyDocuments)
        {
            while (nextTooDeep < tooDeep.Count && tooDeep[nextTooDeep].At < offset)
                nextTooDeep++;
            var deep = nextTooDeep < tooDeep.Count ? tooDeep[nextTooDeep] : (TooDeepDocument?)null;
            var end = deep is { } d ? Math.Max(offset, d.DocumentStart) : text.Length;
            var failedDocumentStart = end > offset || deep is null ? ReadSegment(offset, end) : null;
            int resumeAfter;
            if (failedDocumentStart is { } failure)
            {
                resumeAfter = failure.Offset;
            }
            else if (deep is { } tooDeepDocument && !tooManyDocuments)
            {
                // Never handed to YamlDotNet: its scanner is quadratic in flow depth.
                documentStarts.Add(PositionAt(end));
                documents.Add(null);
                problems.Add(LimitProblem(
                    $"nesting deeper than {limits.MaxNestingDepth} levels; this document is not checked",
                    InputLimits.NestingDepthKey,
                    PositionAt(tooDeepDocument.At)));
                resumeAfter = tooDeepDocument.At;
            }
            else
            {
                return;
            }

            // Resume at the first `---` after the failed document's start: an unclosed '[' is only noticed at the end
            // of the stream, and must not hide the documents that follow it.
            var next = FindNextDocumentMarker(resumeAfter);
            if (next < 0)
                return;
            offset = next;
        }
    }

    private LoadProblem LimitProblem(string what, string key, SourcePosition at) =>
        new("ML9005", $"input limit: {what} ({InputLimits.HowToRaise(key)})", at, at with { Column = at.Column + 1, Offset = at.Offset + 1 });

    private SourcePosition PositionAt(int offset)
    {
        lineStarts ??= LineStarts(text);
        var line = Array.BinarySearch(lineStarts, offset);
        if (line < 0)
            line = ~line - 1;
        return new SourcePosition(line + 1, offset - lineStarts[line] + 1, offset);
    }

    /// <summary>Reads documents from <paramref name="offset"/>; returns the start of the failed document when parsing stopped on an error.</summary>
    private SourcePosition? ReadSegment(int offset, int segmentEnd)
    {
        var builder = new TreeBuilder(this, offset, offset == 0 ? 0 : PositionAt(offset).Line - 1);
        var segment = offset == 0 && segmentEnd == text.Length ? text : text.Substring(offset, segmentEnd - offset);
        var scanner = new Scanner(new StringReader(segment), skipComments: !keepComments);
        var parser = new Parser(scanner);
        lock (Parsing)
            return Parse(parser, builder);
    }

    // YamlDotNet's scanner rents the StringBuilders of every scalar from one pool that all threads share (a
    // ConcurrentQueue). Two threads parsing at once spent most of their time handing it from core to core (10,000
    // documents: 3.4 times the CPU of one thread, and no faster), so the process parses one segment at a time; the
    // rules of the files already parsed run meanwhile.
    private static readonly object Parsing = new();

    private SourcePosition? Parse(Parser parser, TreeBuilder builder)
    {
        try
        {
            while (parser.MoveNext())
                builder.Handle(parser.Current!);
            return null;
        }
        catch (LimitExceededException limit)
        {
            problems.Add(LimitProblem(limit.Message, limit.Key, builder.Translate(limit.Start)));
            builder.AbandonDocument();
            tooManyDocuments |= limit.StopsFile;
            return limit.StopsFile ? null : builder.DocumentStart;
        }
        catch (Exception exception)
        {
            // YamlDotNet throws InvalidOperationException as well as YamlException on malformed input.
            var (start, end, message) = exception is YamlException yaml
                ? (builder.Translate(yaml.Start), builder.Translate(yaml.End), yaml.Message)
                : (builder.LastPosition, builder.LastPosition,
                    "the parser cannot go on from here; look for an unclosed '[' or '{' or a key at the wrong indentation");
            if (end.Offset <= start.Offset)
                end = start with { Column = start.Column + 1, Offset = start.Offset + 1 };
            problems.Add(new LoadProblem("ML9001", $"YAML syntax error: {CleanMessage(message)}", start, end));
            builder.AbandonDocument();
            return builder.DocumentStart;
        }
    }

    private const string YamlDotNetBlockScalarBug = "found extra spaces in first line";

    private static readonly System.Text.RegularExpressions.Regex WhitespaceOnlyLine = new(
        @"^[ \t]+(?=\r?$)", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
                starts.Add(i + 1);
        }

        return starts.ToArray();
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 10) - (Line: ...): "; the position is reported separately.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        var cleaned = message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0 ? message.Substring(cut + 3) : message;
        return cleaned.Trim().TrimEnd('.');
    }

    private int FindNextDocumentMarker(int from)
    {
        var index = text.IndexOf('\n', Math.Min(from, text.Length));
        while (index >= 0 && index + 1 < text.Length)
        {
            var lineStart = index + 1;
            if (NestingPrescan.IsDocumentMarker(text, lineStart))
                return lineStart;

            index = text.IndexOf('\n', lineStart);
        }

        return -1;
    }

    private sealed class TreeBuilder(YamlTreeReader owner, int offset, int lineOffset)
    {
        private readonly Stack<Frame> stack = new();

        // Frames of closed collections, reused: a manifest opens one per mapping and sequence.
        private readonly Stack<Frame> spareFrames = new();
        private readonly Dictionary<string, ManifestNode> anchors = new(StringComparer.Ordinal);

        // Anchored collections not yet closed: an alias to one would make a node its own ancestor.
        private readonly HashSet<ManifestNode> openAnchored = [];

        // What each anchored collection would be if its aliases were expanded: the tree shares it instead, but a
        // consumer that walks the tree sees the expanded size, so it is bounded ("billion laughs").
        private readonly Dictionary<ManifestNode, (long Size, int Height)> anchoredSizes = [];
        private long aliasNodes;
        private bool inDocument;

        public SourcePosition LastPosition { get; private set; } = Position(offset, lineOffset);

        /// <summary>Where the document being read began (the segment start before the first document).</summary>
        public SourcePosition DocumentStart { get; private set; } = Position(offset, lineOffset);

        private static SourcePosition Position(int offset, int lineOffset) => new(lineOffset + 1, 1, offset);

        public SourcePosition Translate(Mark mark)
        {
            var line = (int)mark.Line + lineOffset;
            var index = owner.originalLineStarts is { } starts && line >= 1 && line <= starts.Length
                ? starts[line - 1] + (int)mark.Column - 1
                : (int)mark.Index + offset;
            return new SourcePosition(line, (int)mark.Column, index);
        }

        public void Handle(ParsingEvent parsingEvent)
        {
            LastPosition = Translate(parsingEvent.Start);
            switch (parsingEvent)
            {
                case Comment comment:
                    owner.comments.Add(new SourceComment(comment.Value, Translate(comment.Start), comment.IsInline));
                    break;
                case DocumentStart start:
                    if (owner.documentStarts.Count >= owner.limits.MaxDocuments)
                    {
                        throw new LimitExceededException(
                            start.Start, InputLimits.DocumentsKey, $"more than {owner.limits.MaxDocuments} documents in this file; the rest are not checked", stopsFile: true);
                    }

                    inDocument = true;
                    anchors.Clear();
                    openAnchored.Clear();
                    anchoredSizes.Clear();
                    aliasNodes = 0;
                    DocumentStart = Translate(start.Start);
                    owner.documentStarts.Add(DocumentStart);
                    break;
                case DocumentEnd:
                    if (inDocument && owner.documents.Count < owner.documentStarts.Count)
                        owner.documents.Add(null);
                    inDocument = false;
                    break;
                case Scalar scalar:
                    var node = new ManifestScalar(sharedStrings.Share(scalar.Value), ResolvesAsPlain(scalar), Translate(scalar.Start), Translate(scalar.End));
                    Remember(scalar.Anchor, node);
                    Attach(node, 1, 0);
                    break;
                case MappingStart mappingStart:
                    var mapping = new ManifestMapping(Translate(mappingStart.Start), Translate(mappingStart.End));
                    Remember(mappingStart.Anchor, mapping);
                    Open(mappingStart.Anchor, mapping);
                    Push(mapping, mappingStart.Style == MappingStyle.Flow);
                    break;
                case SequenceStart sequenceStart:
                    var sequence = new ManifestSequence(Translate(sequenceStart.Start), Translate(sequenceStart.End));
                    Remember(sequenceStart.Anchor, sequence);
                    Open(sequenceStart.Anchor, sequence);
                    Push(sequence, sequenceStart.Style == SequenceStyle.Flow);
                    break;
                case MappingEnd or SequenceEnd:
                    var finished = stack.Pop();
                    finished.Node.End = finished.EndAt(Translate(parsingEvent.Start));
                    finished.ApplyMerges();
                    if (openAnchored.Remove(finished.Node))
                        anchoredSizes[finished.Node] = (finished.Size, finished.Height);
                    Attach(finished.Node, finished.Size, finished.Height);
                    spareFrames.Push(finished);
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}'");
                    // As the Kubernetes YAML decoder does: such a value would be infinite.
                    if (openAnchored.Contains(target))
                        throw new YamlException(alias.Start, alias.End, $"anchor '{alias.Value.Value}' value contains itself");
                    var (size, height) = anchoredSizes.TryGetValue(target, out var known) ? known : (1L, 0);
                    aliasNodes += size;
                    if (aliasNodes > owner.limits.MaxAliasNodes)
                    {
                        throw new LimitExceededException(
                            alias.Start, InputLimits.AliasNodesKey, $"aliases in this document expand to more than {owner.limits.MaxAliasNodes} nodes; this document is not checked");
                    }

                    if (stack.Count + height > owner.limits.MaxNestingDepth)
                    {
                        throw new LimitExceededException(
                            alias.Start, InputLimits.NestingDepthKey, $"alias '{alias.Value.Value}' nests deeper than {owner.limits.MaxNestingDepth} levels; this document is not checked");
                    }

                    Attach(target, size, height);
                    break;
            }
        }

        private readonly SharedStrings sharedStrings = SharedStrings.OfThisThread;

        // Explicit tags decide as the Kubernetes decoder sees them: `!!str 1` is a string, `!!int "1"` the integer 1.
        private static bool ResolvesAsPlain(Scalar scalar) => scalar.Tag.IsEmpty
            ? scalar.Style == ScalarStyle.Plain
            : scalar.Tag.Value is "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" or "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:null";

        public void AbandonDocument()
        {
            if (inDocument && owner.documents.Count < owner.documentStarts.Count)
                owner.documents.Add(null);
        }

        private void Push(ManifestNode node, bool isFlow)
        {
            var frame = spareFrames.Count > 0 ? spareFrames.Pop() : new Frame();
            frame.Start(node, isFlow);
            stack.Push(frame);
        }

        private void Open(AnchorName anchor, ManifestNode node)
        {
            if (!anchor.IsEmpty)
                openAnchored.Add(node);
        }

        private void Remember(AnchorName anchor, ManifestNode node)
        {
            if (!anchor.IsEmpty)
                anchors[anchor.Value] = node;
        }

        private void Attach(ManifestNode node, long size, int height)
        {
            if (stack.Count == 0)
            {
                owner.documents.Add(node);
                return;
            }

            var frame = stack.Peek();
            frame.Extend(node.End);
            frame.Size += size;
            frame.Height = Math.Max(frame.Height, height + 1);
            switch (frame.Node)
            {
                case ManifestSequence sequence:
                    sequence.Add(node);
                    break;
                case ManifestMapping mapping when frame.PendingKey is null:
                    if (node is not ManifestScalar)
                        owner.hasNonScalarKeys = true;
                    frame.PendingKey = node as ManifestScalar ?? new ManifestScalar(string.Empty, isPlain: false, node.Start, node.End);
                    break;
                case ManifestMapping mapping:
                    AddEntry(mapping, frame.PendingKey!, node);
                    frame.PendingKey = null;
                    break;
            }
        }

        private void AddEntry(ManifestMapping mapping, ManifestScalar key, ManifestNode value)
        {
            if (key.IsPlain && key.Value == "<<")
            {
                (stack.Peek().MergeSources ??= []).Add(value);
                return;
            }

            if (mapping.KeyNode(key.Value) is { } first)
            {
                owner.problems.Add(new LoadProblem(
                    "ML9002",
                    $"duplicate key '{key.Value}' (first defined at line {first.Start.Line}); kubectl rejects the document",
                    key.Start,
                    key.End));
                return;
            }

            mapping.Add(new ManifestEntry(key, value));
        }

        private sealed class Frame
        {
            private SourcePosition? lastEnd;
            private bool isFlow;

            public ManifestNode Node { get; private set; } = null!;

            public ManifestScalar? PendingKey { get; set; }

            /// <summary>The values of <c>&lt;&lt;</c> keys; null until one is met, as in almost every mapping.</summary>
            public List<ManifestNode>? MergeSources { get; set; }

            /// <summary>Nodes in this collection with aliases expanded, itself included.</summary>
            public long Size { get; set; }

            public int Height { get; set; }

            public void Start(ManifestNode node, bool flow)
            {
                Node = node;
                isFlow = flow;
                lastEnd = null;
                PendingKey = null;
                MergeSources = null;
                Size = 1;
                Height = 0;
            }

            public void Extend(SourcePosition end)
            {
                if (lastEnd is not { } current || end.Offset > current.Offset)
                    lastEnd = end;
            }

            /// <summary>
            /// The exclusive end: just past the closing bracket of a flow collection; the end of the last value of a
            /// block collection, whose end event YamlDotNet places at the next token, past blank lines and comments.
            /// </summary>
            public SourcePosition EndAt(SourcePosition endEvent) =>
                isFlow ? endEvent with { Column = endEvent.Column + 1, Offset = endEvent.Offset + 1 } : lastEnd ?? endEvent;

            // YAML merge keys (<<: *defaults): explicit keys win over merged ones, as in the Kubernetes YAML decoder.
            public void ApplyMerges()
            {
                if (Node is not ManifestMapping mapping || MergeSources is null)
                    return;
                foreach (var source in MergeSources)
                {
                    IReadOnlyList<ManifestNode> sources = source is ManifestSequence sequence ? sequence.Items : [source];
                    foreach (var merged in sources.OfType<ManifestMapping>())
                    {
                        foreach (var entry in merged.Entries)
                        {
                            if (!mapping.ContainsKey(entry.Key.Value))
                                mapping.Add(entry);
                        }
                    }
                }
            }
        }
    }
}

/// <summary>An input limit reached while building the tree; <see cref="StopsFile"/> ends the whole file, not one document.</summary>
internal sealed class LimitExceededException(Mark start, string key, string message, bool stopsFile = false) : Exception(message)
{
    public Mark Start { get; } = start;

    public string Key { get; } = key;

    public bool StopsFile { get; } = stopsFile;
}

internal sealed record YamlStreamContent(
    IReadOnlyList<ManifestNode?> Documents,
    IReadOnlyList<SourcePosition> DocumentStarts,
    IReadOnlyList<SourceComment> Comments,
    IReadOnlyList<LoadProblem> Problems,
    bool HasNonScalarKeys);
