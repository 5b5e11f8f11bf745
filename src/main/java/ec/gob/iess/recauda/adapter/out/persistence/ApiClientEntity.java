package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.domain.access.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Row of table {@code api_client}: the key's hash, never the key. */
@Entity
@Table(name = "api_client")
class ApiClientEntity {

    @Id
    UUID id;
    @Column(nullable = false)
    String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Role role;
    String scope;
    @Column(name = "key_hash", nullable = false)
    String keyHash;
    @Column(name = "key_prefix", nullable = false)
    String keyPrefix;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "created_by", nullable = false)
    String createdBy;
    @Column(name = "revoked_at")
    Instant revokedAt;
}
