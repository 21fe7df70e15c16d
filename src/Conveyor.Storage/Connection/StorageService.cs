namespace Conveyor.Storage.Connection;

/// <summary>The Azure Storage data-plane services Conveyor talks to.</summary>
public enum StorageService
{
    /// <summary>Blob storage.</summary>
    Blob,

    /// <summary>Queue storage.</summary>
    Queue,

    /// <summary>Table storage.</summary>
    Table,
}
