using ManifestLint.Engine.Reporting;

namespace ManifestLint.Tests.Reporting;

public sealed class SourceRootTests
{
    [Fact]
    public void Repository_finder_gives_each_folder_its_nearest_work_tree_whatever_it_was_asked_before()
    {
        using var temp = new TempDirectory();
        var repository = Path.Combine(temp.Path, "repo");
        var submodule = Path.Combine(repository, "vendor", "chart");
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        temp.Write("repo/vendor/chart/.git", "gitdir: ../../.git/modules/chart\n");
        Directory.CreateDirectory(Path.Combine(submodule, "templates"));
        Directory.CreateDirectory(Path.Combine(repository, "vendor", "other"));
        var finder = new RepositoryFinder();

        // The submodule first: its parents inside the outer repository must not inherit its answer.
        Assert.Equal(submodule, finder.Repository(Path.Combine(submodule, "templates")));
        Assert.Equal(repository, finder.Repository(Path.Combine(repository, "vendor", "other")));
        Assert.Equal(repository, finder.Repository(Path.Combine(repository, "vendor")));
        Assert.Equal(submodule, finder.Repository(submodule));
        Assert.Equal(repository, SourceRoot.Repository(Path.Combine(repository, "vendor")));
    }

    [Fact]
    public void Run_root_is_the_one_repository_that_holds_every_file()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "repo", ".git"));
        var web = temp.Write("repo/k8s/web.yaml", "kind: ConfigMap\n");
        var api = temp.Write("repo/k8s/api/api.yaml", "kind: ConfigMap\n");

        Assert.Equal(Path.Combine(temp.Path, "repo"), SourceRoot.For([web, api], temp.Path));
    }
}
