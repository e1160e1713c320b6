using MassTransit;
using Platform.Contracts.Organization;

namespace Platform.Authorization;

/// <summary>Keeps the service's copy of the org tree. Naturally idempotent: a change applies only when its revision
/// is newer than the copy's, so redelivery and reordering change nothing.</summary>
public sealed class OrganizationEventConsumers(OrganizationDirectory directory)
    : IConsumer<OrganizationUnitRegistered>, IConsumer<OrganizationUnitRenamed>, IConsumer<OrganizationUnitClosed>, IConsumer<OrganizationCopySent>
{
    public Task Consume(ConsumeContext<OrganizationCopySent> context) => directory.ApplyCopyAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<OrganizationUnitRegistered> context)
    {
        var unit = context.Message;
        return directory.UpsertAsync(
            new OrganizationUnit(unit.DistrictCode, unit.UnitId, unit.Kind, unit.Name, unit.ParentId, unit.StreetId, unit.CommunityId, Closed: false),
            unit.Revision, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<OrganizationUnitRenamed> context) =>
        directory.UpdateAsync(context.Message.DistrictCode, context.Message.UnitId, context.Message.Revision, context.Message.Name, null, context.CancellationToken);

    public Task Consume(ConsumeContext<OrganizationUnitClosed> context) =>
        directory.UpdateAsync(context.Message.DistrictCode, context.Message.UnitId, context.Message.Revision, null, true, context.CancellationToken);
}
