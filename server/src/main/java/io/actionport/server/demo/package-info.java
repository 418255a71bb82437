/** Demo mode: the issue tracker the demo actions call, and the first-start set-up of the dev environment. */
package io.actionport.server.demo;
