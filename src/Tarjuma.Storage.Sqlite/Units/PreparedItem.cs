using Tarjuma.Core.Model;
using Tarjuma.Core.Storage;
using Tarjuma.Storage.Common.Units;

namespace Tarjuma.Storage.Sqlite.Units;

/// <summary>
/// An import item with its unit checked, normalised and hashed ahead of the writer (on another thread),
/// or the store's reason to refuse the unit, kept for the writer to apply in the item's turn.
/// </summary>
internal readonly record struct PreparedItem(ImportItem Item, PreparedUnit? Unit, TarjumaException? Refusal)
{
    public static PreparedItem From(ImportItem item, bool keepIds)
    {
        if (item is null)
        {
            throw TarjumaException.InvalidArgument("items", "an item is null.");
        }

        if (item.Unit is not { } unit)
        {
            return new(item, null, null);
        }

        try
        {
            PreparedUnit.CheckKeptId(unit, keepIds);
            return new(item, PreparedUnit.From(unit), null);
        }
        catch (TarjumaException refusal)
        {
            return new(item, null, refusal);
        }
    }
}
