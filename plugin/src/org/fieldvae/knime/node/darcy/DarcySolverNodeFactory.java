package org.fieldvae.knime.node.darcy;

import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** The Darcy Flow Solver node: pressure and velocity of Darcy flow through each row's permeability field. */
public final class DarcySolverNodeFactory extends DefaultNodeFactory {

    static final DefaultNode CONFIGURATION = DefaultNode.create() //
        .name("Darcy Flow Solver") //
        .icon("darcy-solver.png") //
        .shortDescription("Solves steady Darcy flow through each row's permeability field and appends the pressure "
            + "and velocity fields.") //
        .fullDescription("""
            <p>Solves the paper's Darcy problem (Jacobsen and Duraisamy, "Disentangling Generative Factors of
            Physical Fields Using Variational Autoencoders", Eq. 15-16) for every row:</p>
            <p>u = -K grad p,  div u = f  in the unit square,  u . n = 0 on its boundary,  integral of p = 0,</p>
            <p>with K the row's permeability field and f either the paper's two wells (+r on [0, w]^2, -r on
            [1 - w, 1]^2) or the row's source field. The discretisation is a conservative vertex-centred finite-volume
            scheme on the permeability's n x n grid (second order, harmonic-mean face permeabilities); the linear
            system is solved by conjugate gradients with a multigrid preconditioner to the chosen relative tolerance.
            Rows are solved in parallel on all cores; the result does not depend on the number of threads. A missing
            permeability or one on a grid different from the first row's fails the node with a message naming the
            row key; a non-positive or non-finite value fails it naming the row's position (from 0, in table
            order).</p>
            <p>The appended fields are the pressure p and the Darcy velocity components u_x1, u_x2 at the grid nodes,
            as one 3-channel column "output" (the layout of the paper's datasets, default) or as three columns.
            The same computation is the Darcy step of the command line's <tt>fieldvae generate</tt>.</p>
            """) //
        .ports(p -> p //
            .addInputTable("Permeability fields", """
                A table with a column of one-channel permeability fields (e.g. the samples of the KLE Permeability
                Sampler) and, optionally, a column of one-channel source fields on the same grid.""") //
            .addOutputTable("Solutions", """
                The input table with the solution appended: a 3-channel field column "output" (pressure, u_x1,
                u_x2) or field columns "pressure", "u_x1", "u_x2", as chosen. Input columns of those names are
                replaced.""")) //
        .model(m -> m //
            .parametersClass(DarcySolverNodeSettings.class) //
            .configure(DarcySolverNodeModel::configure) //
            .execute(DarcySolverNodeModel::execute)) //
        .keywords("Darcy", "porous media", "pressure", "velocity", "finite volume", "FieldVAE");

    /** Called by KNIME through the {@code plugin.xml} registration. */
    public DarcySolverNodeFactory() {
        super(CONFIGURATION);
    }
}
