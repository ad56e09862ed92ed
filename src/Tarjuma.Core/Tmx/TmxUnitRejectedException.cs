namespace Tarjuma.Core.Tmx;

/// <summary>
/// Raised inside the reader when one unit cannot be imported; the reader turns it into an
/// <see cref="Storage.ImportRejection"/>, skips to the end of the unit and goes on.
/// </summary>
internal sealed class TmxUnitRejectedException : Exception
{
    public TmxUnitRejectedException(int line, int column, string reason)
        : base(reason)
    {
        Line = line;
        Column = column;
    }

    public TmxUnitRejectedException()
    {
    }

    public TmxUnitRejectedException(string message)
        : base(message)
    {
    }

    public TmxUnitRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }

    public int Column { get; }
}
