using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Storage;

/// <summary>
/// The runtime's view of state: a stack of transactional overlays over the backing store, and the events
/// deposited so far. <see cref="BeginTransaction"/> opens a layer; <see cref="Commit"/> folds it into the layer
/// below; <see cref="Rollback"/> drops its writes and the events deposited since it opened.
/// </summary>
public sealed class StateAccess
{
    private readonly Stack<(StateOverlay Overlay, int EventCount)> _layers = new();
    private readonly List<RuntimeEvent> _events = [];

    public StateAccess(IKeyValueStore backing)
    {
        Backing = backing ?? throw new ArgumentNullException(nameof(backing));
        Store = backing;
    }

    /// <summary>The store all committed layers end up in.</summary>
    public IKeyValueStore Backing { get; }

    /// <summary>The innermost open layer (or the backing store when none is open).</summary>
    public IKeyValueStore Store { get; private set; }

    public int Depth => _layers.Count;

    /// <summary>Events deposited and not rolled back, in order.</summary>
    public IReadOnlyList<RuntimeEvent> Events => _events;

    public void Deposit(RuntimeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _events.Add(e);
    }

    /// <summary>Forgets the events collected so far (at the start of a block).</summary>
    public void ClearEvents() => _events.Clear();

    public void BeginTransaction()
    {
        var overlay = new StateOverlay(Store);
        _layers.Push((overlay, _events.Count));
        Store = overlay;
    }

    public void Commit()
    {
        var (overlay, _) = _layers.Pop();
        overlay.Commit();
        Store = overlay.Parent;
    }

    public void Rollback()
    {
        var (overlay, eventCount) = _layers.Pop();
        overlay.Discard();
        Store = overlay.Parent;
        _events.RemoveRange(eventCount, _events.Count - eventCount);
    }

    /// <summary>Runs <paramref name="action"/> in its own layer: committed if it returns, rolled back if it throws.</summary>
    public void Transactional(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        BeginTransaction();
        try
        {
            action();
        }
        catch
        {
            Rollback();
            throw;
        }

        Commit();
    }

    /// <summary>
    /// Runs a call in its own layer: committed if it returns, rolled back if it fails with a module error (which is
    /// returned) or throws anything else (which propagates). Null on success.
    /// </summary>
    public DispatchError? TryInLayer(Action call)
    {
        ArgumentNullException.ThrowIfNull(call);
        BeginTransaction();
        try
        {
            call();
        }
        catch (DispatchException e)
        {
            Rollback();
            return e.Error;
        }
        catch
        {
            Rollback();
            throw;
        }

        Commit();
        return null;
    }
}
