using System.Collections.Frozen;
using Tarjuma.Protos.V1;

namespace Tarjuma.Server.Security;

/// <summary>
/// Who may call what, in one table keyed by gRPC method path. An RPC missing here needs an
/// administrator key (deny by default), so a new service is never open by accident; a test
/// checks that every RPC of the protos has a row.
/// </summary>
internal static class RpcAccessTable
{
    /// <summary>Services every client may call without a key: probes and tooling must work before auth.</summary>
    public static readonly FrozenSet<string> OpenServices = FrozenSet.ToFrozenSet(
        ["grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection"],
        StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, RpcRule> Rules = new Dictionary<string, RpcRule>(StringComparer.Ordinal)
    {
        // Memories: managing them is the administrator's; reading one needs a grant on it.
        [Path(MemoryService.Descriptor, "CreateMemory")] = RpcRule.Admin,
        [Path(MemoryService.Descriptor, "UpdateMemory")] = RpcRule.Admin,
        [Path(MemoryService.Descriptor, "DeleteMemory")] = RpcRule.Admin,
        [Path(MemoryService.Descriptor, "GetMemory")] = RpcRule.Read<GetMemoryRequest>(r => [r.Name]),
        [Path(MemoryService.Descriptor, "GetMemoryStatistics")] = RpcRule.Read<GetMemoryStatisticsRequest>(r => [r.Name]),
        [Path(MemoryService.Descriptor, "ListMemories")] = RpcRule.AnyKey with { FilterResponse = FilterMemories },

        // Keys: the administrator's.
        [Path(KeyService.Descriptor, "CreateKey")] = RpcRule.Admin,
        [Path(KeyService.Descriptor, "ListKeys")] = RpcRule.Admin,
        [Path(KeyService.Descriptor, "RevokeKey")] = RpcRule.Admin,
        // A key may read its own grants (the console decides what to offer from them).
        [Path(KeyService.Descriptor, "GetCallerKey")] = RpcRule.AnyKey,

        // Units.
        [Path(UnitService.Descriptor, "AddUnit")] = RpcRule.Write<AddUnitRequest>(r => [r.Memory]),
        [Path(UnitService.Descriptor, "AddUnits")] = RpcRule.Write<AddUnitRequest>(r => [r.Memory]),
        [Path(UnitService.Descriptor, "UpdateUnit")] = RpcRule.Write<UpdateUnitRequest>(r => [r.Memory]),
        [Path(UnitService.Descriptor, "DeleteUnit")] = RpcRule.Write<DeleteUnitRequest>(r => [r.Memory]),
        [Path(UnitService.Descriptor, "GetUnit")] = RpcRule.Read<GetUnitRequest>(r => [r.Memory]),
        [Path(UnitService.Descriptor, "ListUnits")] = RpcRule.Read<ListUnitsRequest>(r => [r.Memory]),

        // TMX: a write grant lets an import fill an existing memory; creating a missing one is checked
        // by the service (an administrator's right, CallerIdentity.IsAdmin).
        [Path(TmxService.Descriptor, "ImportTmx")] = RpcRule.Write<ImportTmxRequest>(r => [r.Memory]),
        [Path(TmxService.Descriptor, "ExportTmx")] = RpcRule.Read<ExportTmxRequest>(r => [r.Memory]),

        // Lookup: every memory searched, the extra ones included.
        [Path(LookupService.Descriptor, "Lookup")] = RpcRule.Read<LookupRequest>(LookupMemories),
        [Path(LookupService.Descriptor, "LookupStream")] = RpcRule.Read<LookupRequest>(LookupMemories),

        // Documents.
        [Path(DocumentService.Descriptor, "Concordance")] = RpcRule.Read<ConcordanceRequest>(r => [r.Memory]),
        [Path(DocumentService.Descriptor, "Analyze")] = RpcRule.Read<DocumentRequest>(r => [r.Memory]),
        [Path(DocumentService.Descriptor, "Pretranslate")] = RpcRule.Read<DocumentRequest>(r => [r.Memory]),
        [Path(DocumentService.Descriptor, "PretranslateXliff")] = RpcRule.Read<PretranslateXliffRequest>(r => [r.Memory]),

        // Text tools touch no memory, except an alignment written into one and segmentation by a
        // memory's rules (reading its abbreviations); editing those is the administrator's.
        [Path(SegmentationService.Descriptor, "Segment")] = RpcRule.Read<SegmentRequest>(r => OptionalMemory(r.Memory)),
        [Path(SegmentationService.Descriptor, "SegmentStream")] = RpcRule.Read<SegmentRequest>(r => OptionalMemory(r.Memory)),
        [Path(SegmentationService.Descriptor, "ListRules")] = RpcRule.Read<ListRulesRequest>(r => OptionalMemory(r.Memory)),
        [Path(SegmentationService.Descriptor, "EditAbbreviations")] = RpcRule.Admin,
        [Path(AlignmentService.Descriptor, "Align")] = RpcRule.Write<AlignRequest>(r => [r.Memory]),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The rule for a method path like <c>/tarjuma.v1.UnitService/AddUnit</c>.</summary>
    public static RpcRule For(string method)
    {
        if (Rules.TryGetValue(method, out var rule))
        {
            return rule;
        }

        var service = method.AsSpan().TrimStart('/');
        var slash = service.IndexOf('/');
        return slash > 0 && OpenServices.GetAlternateLookup<ReadOnlySpan<char>>().Contains(service[..slash]) ? RpcRule.Open : RpcRule.Admin;
    }

    public static string Path(Google.Protobuf.Reflection.ServiceDescriptor service, string method) =>
        "/" + service.FullName + "/" + (service.FindMethodByName(method) ?? throw new ArgumentException($"{service.FullName} has no method {method}.",
            nameof(method))).Name;

    private static string[] OptionalMemory(string memory) => memory.Length == 0 ? [] : [memory];

    private static IEnumerable<string> LookupMemories(LookupRequest request) =>
        request.MoreMemories.Select(m => m.Name).Prepend(request.Memory);

    private static ListMemoriesResponse FilterMemories(object response, CallerIdentity caller)
    {
        var list = (ListMemoriesResponse)response;
        if (caller.IsAdmin)
        {
            return list;
        }

        var visible = new ListMemoriesResponse();
        visible.Memories.Add(list.Memories.Where(m => caller.Allows(m.Name, Core.Security.MemoryAccess.Read)));
        return visible;
    }
}
