using Platform.Contracts.Catalogue;
using Platform.Resources.Agreements;
using Platform.Resources.Offers;
using Platform.Resources.Units;

namespace Platform.Resources.Api;

/// <summary>The words the 资源清单's forms choose from: the shared service catalogue, and the kinds, measures and
/// periods the rules accept, each with its Chinese name.</summary>
public static class CatalogueEndpoints
{
    public sealed record CodeName(string Code, string Name);

    public sealed record CategoryView(string Code, string Name, IReadOnlyList<string> Items);

    public sealed record ResourcesCatalogue(
        IReadOnlyList<CategoryView> Categories, IReadOnlyList<CodeName> OfferKinds, IReadOnlyList<CodeName> OfferMeasures, IReadOnlyList<CodeName> UnitKinds,
        IReadOnlyList<CodeName> CommitmentMeasures, IReadOnlyList<CodeName> CommitmentPeriods);

    private static readonly ResourcesCatalogue Catalogue = new(
        [.. ServiceCatalogue.Categories.Select(category => new CategoryView(category.Code, category.Name, category.Items))],
        Named(Offers.OfferKinds.Names), Named(OfferMeasures.Names), Named(Units.UnitKinds.Names), Named(CommitmentMeasures.Names),
        Named(CommitmentPeriods.Names));

    public static IEndpointRouteBuilder MapCatalogueEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/catalogue", () => TypedResults.Ok(Catalogue)).RequireAccess(ResourcesActions.ReadCatalogue).WithName("GetResourcesCatalogue")
            .WithTags("Catalogue").WithSummary("资源清单的分类与代码：百项服务目录（15 类）、资源类型、容量单位、单位类型、承诺计量与周期，各带中文名称。");
        return endpoints;
    }

    private static IReadOnlyList<CodeName> Named(IReadOnlyDictionary<string, string> names) => [.. names.Select(pair => new CodeName(pair.Key, pair.Value))];
}
