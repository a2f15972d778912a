using ManifestLint.Engine.Simulation;
using ManifestLint.Tests.Cli;
using static ManifestLint.Tests.Simulation.SimulationSupport;

namespace ManifestLint.Tests.Simulation;

/// <summary>A10: a template change that changes where a DaemonSet runs: nodes join or leave, and the replay creates or deletes there.</summary>
public sealed class DaemonSetNodeSetTests
{
    private const string ControlPlaneToleration = """
              tolerations:
                - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
        """;

    private static string DaemonSet(string podSpec = "", string image = "agent:2.0") => $$$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: kube-system}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
        {{{podSpec}}}
              containers: [{name: agent, image: "{{{image}}}"}]
        """;

    public static TheoryData<string, string, string, string, long> NodeSetChanges => new()
    {
        // Adding the control-plane toleration adds the control-plane nodes: their pods are created in sync 1.
        { "toleration added", DaemonSet(), DaemonSet(ControlPlaneToleration), "the 2 control-plane nodes join the DaemonSet (control-plane-1 … control-plane-2)", 5 },
        // Removing it: the old pods there keep running the old template; only the workers roll.
        { "toleration removed", DaemonSet(ControlPlaneToleration), DaemonSet(), "the 2 control-plane nodes no longer tolerate the taint node-role.kubernetes.io/control-plane:NoSchedule", 3 },
        // A nodeSelector on the control-plane label moves the DaemonSet: workers leave, control-plane nodes join.
        {
            "selector moved", DaemonSet(),
            DaemonSet(ControlPlaneToleration + "\n      nodeSelector: {node-role.kubernetes.io/control-plane: \"\"}\n"),
            "the 3 worker nodes leave the DaemonSet (node-1 … node-3): the nodeSelector or node affinity no longer matches", 2
        },
    };

    [Theory]
    [MemberData(nameof(NodeSetChanges))]
    public void A_change_of_tolerations_or_selectors_says_which_nodes_join_or_leave(string what, string before, string after, string note, long desired)
    {
        var result = Simulate(after, new RolloutOptions { Nodes = 3, ControlPlaneNodes = 2, Previous = Workload(before) });

        Assert.True(result.Summary.Completes, what);
        Assert.Equal(desired, result.Desired);
        Assert.Contains(result.Notes, text => text.StartsWith(note, StringComparison.Ordinal));
    }

    [Fact]
    public void Joining_control_plane_nodes_get_their_pods_in_the_first_sync_before_the_workers_roll()
    {
        var result = Simulate(DaemonSet(ControlPlaneToleration), new RolloutOptions { Nodes = 3, ControlPlaneNodes = 2, Previous = Workload(DaemonSet()) });

        Assert.Equal(
            "create control-plane-1, create control-plane-2, delete node-1, create node-1, delete node-2, create node-2, delete node-3, create node-3",
            PodSequence(result));
        Assert.All(result.Steps.Take(2), step => Assert.Equal(1, step.Sync));
        // maxUnavailable 1 of 5 nodes: the new control-plane pods count as unavailable until they are ready.
        Assert.True(result.Steps[2].Sync >= 3);
    }

    [Fact]
    public void Workers_leaving_lose_their_pods_in_the_first_sync()
    {
        var after = DaemonSet(ControlPlaneToleration + "\n      nodeSelector: {node-role.kubernetes.io/control-plane: \"\"}\n");
        var result = Simulate(after, new RolloutOptions { Nodes = 3, ControlPlaneNodes = 1, Previous = Workload(DaemonSet()) });

        var first = result.Steps[0];
        Assert.Equal((1L, RolloutAction.DeletePod, "node-1 … node-3", 3L), (first.Sync, first.Action, first.Target, first.Pods));
        Assert.Equal("create control-plane-1", PodSequence(result).Split(", ")[1]);
        Assert.Equal(1, result.Desired);
    }

    [Fact]
    public void The_preview_without_control_plane_nodes_says_how_to_replay_them()
    {
        using var directory = new TempDirectory();
        directory.Write("before.yaml", DaemonSet());
        directory.Write("after.yaml", DaemonSet(ControlPlaneToleration));

        var plain = CliRunner.Run(directory.Path, "rollout", "--before", "before.yaml", "--after", "after.yaml");
        var withNodes = CliRunner.Run(directory.Path, "rollout", "--before", "before.yaml", "--after", "after.yaml", "--control-plane-nodes", "1");

        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("pass --control-plane-nodes N to replay them", plain.Stdout);
        Assert.Contains("the 1 control-plane node joins the DaemonSet (control-plane-1)", withNodes.Stdout);
        Assert.Contains("Created pod: agent-<new> on control-plane-1", withNodes.Stdout);
    }

    [Fact]
    public void Labels_the_replay_does_not_model_are_named()
    {
        var after = DaemonSet("      nodeSelector: {disktype: ssd}\n");
        var result = Simulate(after, new RolloutOptions { Nodes = 3, Previous = Workload(DaemonSet()) });

        Assert.Equal(3, result.Desired);
        Assert.Contains("the replay cannot tell which nodes carry the label disktype; it assumes every node does", result.Notes);
    }
}
