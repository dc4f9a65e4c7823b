namespace Bittensor.Node.Chain;

/// <summary>A block that cannot be imported, with the named reason.</summary>
public sealed class BlockImportException : Exception
{
    public BlockImportException(BlockImportError error, string message)
        : base($"{error}: {message}")
    {
        Error = error;
    }

    public BlockImportException(BlockImportError error, string message, Exception inner)
        : base($"{error}: {message}", inner)
    {
        Error = error;
    }

    public BlockImportError Error { get; }
}
